package org.peerchain.ui.settings;

/** A line said under a settings field: work under way, what a change did, or what is wrong with it. */
public record Notice(String text, Kind kind) {
    public enum Kind {
        WORKING,
        DONE,
        PROBLEM
    }

    public static final Notice NONE = new Notice("", Kind.DONE);

    public static Notice working(String text) {
        return new Notice(text, Kind.WORKING);
    }

    public static Notice done(String text) {
        return new Notice(text, Kind.DONE);
    }

    public static Notice problem(String text) {
        return new Notice(text, Kind.PROBLEM);
    }

    public boolean problem() {
        return kind == Kind.PROBLEM;
    }
}
