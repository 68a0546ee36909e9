package org.peerchain.bench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class StallSamplerTest {
    private static StackTraceElement frame(String cls, String method) {
        return new StackTraceElement(cls, method, null, -1);
    }

    @Test
    void aStackIsNamedByItsKindOfToolkitWorkAndTheFirstFrameOfOurs() {
        assertEquals("CSS < BlockStrip.card", StallSampler.signature(new StackTraceElement[] {
            frame("com.sun.javafx.css.BitSet$1", "hasNext"),
            frame("javafx.scene.CssStyleHelper", "createStyleHelper"),
            frame("org.peerchain.ui.fx.FxDispatcher", "drain"),
            frame("org.peerchain.ui.explorer.BlockStrip", "card"),
            frame("org.peerchain.ui.explorer.BlockStrip", "rebuild")}));
        assertEquals("idle in the event loop", StallSampler.signature(new StackTraceElement[] {
            frame("com.sun.glass.ui.gtk.GtkApplication", "_runLoop"), frame("java.lang.Thread", "run")}));
        assertEquals("other (Foo.bar)", StallSampler.signature(new StackTraceElement[] {frame("x.Foo", "bar")}));
        assertEquals("(no stack)", StallSampler.signature(new StackTraceElement[0]));
    }
}
