package org.peerchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.node.api.LifecycleStep;
import org.peerchain.node.api.NodeEvent;

@Timeout(60)
class NodeLifecycleTest {
    @TempDir
    Path dir;

    @Test
    void aStartReportsEachStepInOrderAndAStopReportsStoppingThenStopped() throws Exception {
        List<LifecycleStep> steps = new CopyOnWriteArrayList<>();
        Node node = Node.start(NodeConfig.regtest(dir).withRpcPort(NodeConfig.OFF), e -> steps.add(e.step()));
        assertEquals(List.of(LifecycleStep.OPENING_DATABASE, LifecycleStep.LOADING_BLOCK_INDEX,
                LifecycleStep.WALLET_CATCH_UP, LifecycleStep.STARTING_NETWORK, LifecycleStep.READY), steps);
        assertEquals(LifecycleStep.READY, node.services().status().lifecycle().step());
        List<LifecycleStep> later = new CopyOnWriteArrayList<>();
        node.services().subscribe(NodeEvent.Lifecycle.class, e -> later.add(e.step()));
        node.close();
        assertEquals(List.of(LifecycleStep.STOPPING, LifecycleStep.STOPPED), later);
    }
}
