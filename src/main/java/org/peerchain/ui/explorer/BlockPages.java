package org.peerchain.ui.explorer;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.collections.ObservableListBase;
import org.peerchain.node.api.BlockSummary;

/**
 * The active chain's blocks, newest first, as a list a table can show: it has one row per block but reads only the
 * pages the table asks for, {@value #PAGE_SIZE} blocks at a time, and keeps at most {@value #MAX_PAGES_KEPT} pages,
 * so a 100,000-block chain scrolls in the memory of a few hundred rows. A row not yet read shows its height alone
 * until its page arrives. Used on the FX thread only.
 */
public final class BlockPages extends ObservableListBase<BlockRow> {
    public static final int PAGE_SIZE = 50;
    static final int MAX_PAGES_KEPT = 20;

    /** Reads the blocks from {@code topHeight} down to {@code bottomHeight} and hands them back on the FX thread. */
    @FunctionalInterface
    public interface PageReader {
        void read(int topHeight, int bottomHeight, Consumer<List<BlockSummary>> done);
    }

    private final PageReader reader;
    private final Map<Integer, List<BlockSummary>> pages = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, List<BlockSummary>> eldest) {
            return size() > MAX_PAGES_KEPT;
        }
    };
    private final Set<Integer> requested = new HashSet<>();
    private int tipHeight = -1;
    /** Changes with every tip change that drops pages, so that a page read before it is not kept after it. */
    private long epoch;

    public BlockPages(PageReader reader) {
        this.reader = reader;
    }

    @Override
    public int size() {
        return tipHeight + 1;
    }

    public int tipHeight() {
        return tipHeight;
    }

    @Override
    public BlockRow get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(index);
        }
        int height = tipHeight - index;
        int page = height / PAGE_SIZE;
        List<BlockSummary> blocks = pages.get(page);
        if (blocks == null) {
            request(page);
            // a reader that answers at once (tests) has filled the page already
            blocks = pages.get(page);
            if (blocks == null) {
                return BlockRow.loading(height);
            }
        }
        for (BlockSummary b : blocks) {
            if (b.height() == height) {
                return new BlockRow(height, Optional.of(b));
            }
        }
        return BlockRow.loading(height);
    }

    /** The number of pages held now (never more than {@value #MAX_PAGES_KEPT}). */
    public int pagesKept() {
        return pages.size();
    }

    private void request(int page) {
        if (!requested.add(page)) {
            return;
        }
        long asked = epoch;
        int bottom = page * PAGE_SIZE;
        int top = Math.min(tipHeight, bottom + PAGE_SIZE - 1);
        reader.read(top, bottom, blocks -> arrived(page, asked, blocks));
    }

    private void arrived(int page, long asked, List<BlockSummary> blocks) {
        requested.remove(page);
        if (asked != epoch) {
            return;
        }
        pages.put(page, List.copyOf(blocks));
        beginChange();
        for (BlockSummary b : blocks) {
            int index = tipHeight - b.height();
            if (index >= 0 && index < size()) {
                nextSet(index, BlockRow.loading(b.height()));
            }
        }
        endChange();
    }

    /**
     * The active chain's tip moved to {@code height}: rows for new blocks appear at the top; after a reorganisation
     * every row is read again, since the blocks at a height may have changed.
     */
    public void tipChanged(int height, boolean reorganised) {
        int oldSize = size();
        if (height == tipHeight && !reorganised) {
            return;
        }
        epoch++;
        requested.clear();
        if (reorganised || height < tipHeight) {
            pages.clear();
            tipHeight = height;
            beginChange();
            if (oldSize > 0) {
                nextRemove(0, Collections.nCopies(oldSize, BlockRow.loading(-1)));
            }
            nextAdd(0, size());
            endChange();
            return;
        }
        // the page that held the old tip is incomplete: it is read again with the new blocks
        if (tipHeight >= 0) {
            pages.remove(tipHeight / PAGE_SIZE);
        }
        tipHeight = height;
        beginChange();
        nextAdd(0, size() - oldSize);
        endChange();
    }
}
