package org.peerchain.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.peerchain.chain.BlockOutcome;
import org.peerchain.consensus.ValidationException;
import org.peerchain.core.Block;

/**
 * The process the crash test kills: opens the chain in {@code args[0]} and connects the blocks stored
 * in {@code args[1]} (each an int length and the block's canonical bytes), printing {@code open H} once
 * the chain is open, {@code height H} after each block that extends the active chain is committed and
 * {@code side H} after one stored on a side branch. It ends by itself when its
 * parent's end closes its standard input, so a failed test leaves no process behind.
 */
public final class BlockConnectingChild {
    private BlockConnectingChild() {
    }

    public static void main(String[] args) throws IOException {
        Thread parentWatch = new Thread(BlockConnectingChild::haltWhenStdinCloses, "parent-watch");
        parentWatch.setDaemon(true);
        parentWatch.start();
        Path dir = Path.of(args[0]);
        List<Block> blocks = readBlocks(Path.of(args[1]));
        try (RegtestChain node = RegtestChain.open(dir)) {
            System.out.println("open " + node.chain.height());
            System.out.flush();
            for (Block b : blocks) {
                BlockOutcome outcome = node.process(b);
                if (outcome == BlockOutcome.ACTIVE) {
                    System.out.println("height " + node.chain.height());
                } else if (outcome == BlockOutcome.SIDE_BRANCH) {
                    System.out.println("side " + node.chain.entry(b.hash()).height());
                }
                System.out.flush();
            }
            System.out.println("done " + node.chain.height());
            System.out.flush();
        } catch (ValidationException e) {
            System.out.println("invalid " + e.getMessage());
            System.out.flush();
            System.exit(2);
        }
    }

    /** Writes blocks in the form {@link #readBlocks} reads. */
    public static void writeBlocks(Path file, List<Block> blocks) throws IOException {
        try (var out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            for (Block b : blocks) {
                byte[] bytes = b.serialize();
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
    }

    static List<Block> readBlocks(Path file) throws IOException {
        List<Block> blocks = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            while (in.available() > 0) {
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                blocks.add(Block.deserialize(bytes));
            }
        }
        return blocks;
    }

    private static void haltWhenStdinCloses() {
        try {
            InputStream in = System.in;
            while (in.read() >= 0) {
                // Nothing is expected on stdin; it only tells us the parent is still there.
            }
        } catch (IOException e) {
            // The pipe broke: the parent is gone.
        }
        Runtime.getRuntime().halt(3);
    }
}
