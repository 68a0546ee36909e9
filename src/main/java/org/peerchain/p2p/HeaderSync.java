package org.peerchain.p2p;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import org.peerchain.chain.BlockIndexEntry;
import org.peerchain.consensus.CompactTarget;
import org.peerchain.consensus.ValidationException;
import org.peerchain.core.BlockHeader;
import org.peerchain.core.Hash;
import org.peerchain.p2p.wire.PeerMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Headers-first sync: serving {@code getheaders}, taking a peer's {@code headers} (stored, counted as a low-work
 * presync, or refused), asking for more, and choosing the one peer initial headers are asked of. Blocks for the
 * headers stored are fetched by {@link BlockDownload}; connections are {@link PeerNetwork}'s.
 */
final class HeaderSync {
    /** Headers sent at most in one announcement; a peer missing more asks with {@code getheaders}. */
    static final int MAX_ANNOUNCE_HEADERS = 8;
    /**
     * Most header-only entries the node keeps above its tip. Headers further ahead are asked for again when the
     * blocks have caught up to half of it, so a peer with cheap headers (regtest difficulty, or a long low-target
     * branch) cannot make the node store an unbounded header chain whose blocks never come.
     */
    static final int MAX_HEADERS_LEAD = 10_000;
    /** An unanswered getheaders is not repeated to the same peer before this (Bitcoin Core's HEADERS_RESPONSE_TIME). */
    static final long HEADERS_RESPONSE_NANOS = 120_000_000_000L;

    private static final Logger log = LoggerFactory.getLogger(HeaderSync.class);

    private final ChainAccess chain;
    private final Map<Long, Peer> peers;
    private final BlockDownload download;
    private final ExecutorService timer;
    private final P2pSettings settings;
    private final PeerPenalties penalties;
    private final Runnable requestBlocks;
    private final BooleanSupplier closed;
    /** The one peer initial headers are asked of (null: none now); another is tried when it goes quiet. */
    private Peer syncPeer;
    private long syncPeerAskedNanos;

    HeaderSync(ChainAccess chain, Map<Long, Peer> peers, BlockDownload download, ExecutorService timer,
               P2pSettings settings, PeerPenalties penalties, Runnable requestBlocks, BooleanSupplier closed) {
        this.chain = chain;
        this.peers = peers;
        this.download = download;
        this.timer = timer;
        this.settings = settings;
        this.penalties = penalties;
        this.requestBlocks = requestBlocks;
        this.closed = closed;
    }

    /** {@code p} is gone: if it was the sync peer, another is chosen at the next chance. */
    synchronized void peerGone(Peer p) {
        if (syncPeer == p) {
            syncPeer = null;
        }
    }

    void serveHeaders(Peer p, PeerMessages.GetHeaders g) {
        BlockIndexEntry start = null;
        for (Hash h : g.locator()) {
            BlockIndexEntry e = chain.entry(h);
            if (e != null && chain.isActive(e)) {
                start = e;
                break;
            }
        }
        if (start == null) {
            start = chain.entryAt(0);
        } else {
            // a locator begins at the peer's tip: it has at least the newest block of ours it names
            p.noteShownHeight(start.height());
        }
        List<BlockHeader> out = new ArrayList<>();
        for (int h = start.height() + 1; out.size() < PeerMessages.MAX_HEADERS_RESULTS; h++) {
            BlockIndexEntry e = chain.entryAt(h);
            if (e == null) {
                break;
            }
            out.add(e.header());
            p.knownBlocks.add(e.hash());
            if (e.hash().equals(g.stop())) {
                break;
            }
        }
        p.send(new PeerMessages.Headers(out));
    }

    void onHeaders(Peer p, List<BlockHeader> headers) {
        boolean fromSyncPeer = noteHeadersFrom(p);
        if (headers.isEmpty()) {
            p.headersRequestedNanos = 0;
            if (fromSyncPeer) {
                syncPeerDone(p);
            }
            askHeadersIfWanted(p);
            return;
        }
        for (int i = 1; i < headers.size(); i++) {
            if (!headers.get(i).prevHash().equals(headers.get(i - 1).hash())) {
                penalties.misbehave(p, Misbehaviour.NON_CONTINUOUS_HEADERS, Misbehaviour.CODE_NON_CONTINUOUS,
                        "header " + i + " does not follow header " + (i - 1));
                return;
            }
        }
        boolean full = headers.size() == PeerMessages.MAX_HEADERS_RESULTS;
        BlockHeader lastHeader = headers.get(headers.size() - 1);
        HeaderPresync pre = p.presync;
        if (pre != null && !pre.redownloading && headers.get(0).prevHash().equals(pre.lastHash)) {
            p.headersRequestedNanos = 0;
            continuePresync(p, pre, headers, full);
            return;
        }
        BlockIndexEntry parent = chain.entry(headers.get(0).prevHash());
        if (parent == null) {
            headers.forEach(h -> p.knownBlocks.add(h.hash()));
            // An announcement of a block whose parents we lack: ask for the headers in between. One that races our
            // unanswered getheaders, or builds on headers of this peer we held back (the lead limit), is what an
            // honest peer mining faster than we sync sends; only the others count toward the penalty.
            boolean expected = p.moreHeaders || headersOutstanding(p);
            if (!expected && ++p.unconnectingHeaders % Misbehaviour.MAX_UNCONNECTING_HEADERS == 0) {
                penalties.misbehave(p, Misbehaviour.UNCONNECTING_HEADERS, Misbehaviour.CODE_UNCONNECTING,
                        "the parent " + headers.get(0).prevHash() + " is unknown");
            }
            maybeAskHeaders(p);
            return;
        }
        p.unconnectingHeaders = 0;
        // Headers that connect are taken as the answer to any getheaders outstanding with this peer; headers that
        // do not connect cannot be one (Bitcoin Core's rule).
        p.headersRequestedNanos = 0;
        BlockIndexEntry tip = chain.tip();
        boolean allKnown = chain.entry(lastHeader.hash()) != null;
        boolean redownload = pre != null && pre.redownloading;
        if (!allKnown && !redownload && workAfter(parent, headers).compareTo(tip.chainWork()) <= 0) {
            // A branch with no more work than ours cannot become our chain: nothing of it is stored. A full
            // answer may be the start of a longer branch: count its work without storing it (Bitcoin Core's
            // headers presync, in spirit) and store it only once it shows more work than ours.
            if (full) {
                startPresync(p, parent, headers);
            } else {
                askHeadersIfWanted(p);
            }
            return;
        }
        int room = tip.height() + MAX_HEADERS_LEAD - parent.height();
        boolean truncated = headers.size() > room;
        List<BlockHeader> accepted = truncated ? headers.subList(0, Math.max(0, room)) : headers;
        accepted.forEach(h -> p.knownBlocks.add(h.hash()));
        List<BlockIndexEntry> entries;
        try {
            entries = accepted.isEmpty() ? List.of() : chain.acceptHeaders(accepted);
        } catch (ValidationException e) {
            if (!Misbehaviour.HARMLESS_BLOCK_REASONS.contains(e.reason())) {
                penalties.misbehave(p, Misbehaviour.INVALID_BLOCK, e.reason(), "invalid header: " + e.getMessage());
            }
            return;
        }
        BlockIndexEntry last = entries.isEmpty() ? parent : entries.get(entries.size() - 1);
        if (redownload) {
            pre.allowance -= accepted.size();
            if (pre.allowance <= 0 || last.chainWork().compareTo(tip.chainWork()) > 0) {
                p.presync = null;
            }
        }
        p.noteBest(last);
        if (truncated) {
            p.moreHeaders = true;
        } else if (full) {
            askHeaders(p, BlockLocator.from(last, chain));
        } else {
            if (fromSyncPeer) {
                syncPeerDone(p);
            }
            askHeadersIfWanted(p);
        }
        if (!full && entries.size() <= MAX_ANNOUNCE_HEADERS && last.chainWork().compareTo(tip.chainWork()) > 0) {
            download.requestAnnounced(p, entries);
        }
        requestBlocks.run();
    }

    /** Asks {@code p} for the headers after {@code locator}; the request is outstanding until headers that connect arrive. */
    private void askHeaders(Peer p, List<Hash> locator) {
        p.headersRequestedNanos = System.nanoTime();
        p.headersWanted = false;
        p.send(new PeerMessages.GetHeaders(locator, Hash.ZERO));
    }

    /**
     * Asks {@code p} for the headers beyond our best header unless a getheaders to it is still unanswered (Bitcoin
     * Core's MaybeSendGetHeaders). Otherwise every announcement of a block we cannot place would ask again, and a
     * peer mining faster than we sync would get a getheaders per block and answer each with up to 2,000 headers,
     * until both sides' send queues fill and neither reads. What is not asked now is asked when the answer comes.
     */
    void maybeAskHeaders(Peer p) {
        if (headersOutstanding(p)) {
            p.headersWanted = true;
            return;
        }
        askHeaders(p, BlockLocator.from(chain.bestHeader(), chain));
    }

    private static boolean headersOutstanding(Peer p) {
        long asked = p.headersRequestedNanos;
        return asked != 0 && System.nanoTime() - asked < HEADERS_RESPONSE_NANOS;
    }

    /** After an answer that ended the peer's headers: asks again if an announcement was held back meanwhile. */
    private void askHeadersIfWanted(Peer p) {
        if (p.headersWanted) {
            maybeAskHeaders(p);
        }
    }

    private static BigInteger workAfter(BlockIndexEntry parent, List<BlockHeader> headers) {
        BigInteger w = parent.chainWork();
        for (BlockHeader h : headers) {
            w = w.add(CompactTarget.work(h.bits()));
        }
        return w;
    }

    private void startPresync(Peer p, BlockIndexEntry fork, List<BlockHeader> headers) {
        if (!checkPresyncHeaders(p, headers)) {
            return;
        }
        BlockHeader last = headers.get(headers.size() - 1);
        p.presync = new HeaderPresync(fork.hash(), last.hash(), headers.size(), workAfter(fork, headers));
        askHeaders(p, List.of(last.hash()));
    }

    private void continuePresync(Peer p, HeaderPresync pre, List<BlockHeader> headers, boolean full) {
        if (!checkPresyncHeaders(p, headers)) {
            return;
        }
        for (BlockHeader h : headers) {
            pre.work = pre.work.add(CompactTarget.work(h.bits()));
        }
        pre.count += headers.size();
        pre.lastHash = headers.get(headers.size() - 1).hash();
        BlockIndexEntry fork = chain.entry(pre.fork);
        if (fork != null && pre.work.compareTo(chain.tip().chainWork()) > 0) {
            // The branch has more work than ours after all: ask for it again from the fork, and store it this time.
            pre.redownloading = true;
            pre.allowance = pre.count;
            askHeaders(p, BlockLocator.from(fork, chain));
        } else if (full && fork != null) {
            askHeaders(p, List.of(pre.lastHash));
        } else {
            p.presync = null;
        }
    }

    /** Proof of work of headers not stored (yet): a peer cannot make us count work it did not do. */
    private boolean checkPresyncHeaders(Peer p, List<BlockHeader> headers) {
        for (BlockHeader h : headers) {
            try {
                chain.checkHeader(h);
            } catch (ValidationException e) {
                penalties.misbehave(p, Misbehaviour.INVALID_BLOCK, e.reason(), "invalid header " + h.hash() + ": " + e.getMessage());
                p.presync = null;
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ headers sync peer

    /** True when {@code p} is the sync peer (its answer resets its clock). */
    private synchronized boolean noteHeadersFrom(Peer p) {
        if (syncPeer == p) {
            syncPeerAskedNanos = System.nanoTime();
            return true;
        }
        return false;
    }

    private synchronized void syncPeerDone(Peer p) {
        if (syncPeer == p) {
            syncPeer = null;
        }
        try {
            timer.execute(this::startHeadersSync);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /**
     * Asks one peer at a time for the headers it has beyond ours (as Bitcoin Core does, so that initial sync does
     * not download every header from every peer): an outbound peer, or an inbound one claiming more work than our
     * best header, each at most once per connection. A sync peer that stays silent past the stall timeout is
     * replaced by the next; announcements from any peer are still followed up with that peer.
     */
    synchronized void startHeadersSync() {
        if (closed.getAsBoolean()) {
            return;
        }
        long now = System.nanoTime();
        if (syncPeer != null && !syncPeer.isClosed()) {
            if (syncPeer.moreHeaders || now - syncPeerAskedNanos < settings.stallTimeout().toNanos()) {
                return;
            }
            log.info("{} did not answer getheaders within {} ms: asking another peer", syncPeer,
                    settings.stallTimeout().toMillis());
        }
        syncPeer = null;
        BlockIndexEntry best = chain.bestHeader();
        Peer pick = null;
        for (Peer p : peers.values()) {
            if (p.isClosed() || p.askedForHeaders || (p.inbound && p.version.work().compareTo(best.chainWork()) <= 0)) {
                continue;
            }
            if (pick == null || (pick.inbound && !p.inbound)) {
                pick = p;
            }
        }
        if (pick == null) {
            return;
        }
        pick.askedForHeaders = true;
        syncPeer = pick;
        syncPeerAskedNanos = now;
        askHeaders(pick, BlockLocator.from(best, chain));
    }

    /** Asks for more headers, from the peer that has them, once the blocks have caught up with half the lead. */
    void resumeHeaders() {
        BlockIndexEntry best = chain.bestHeader();
        if (best.height() - chain.tip().height() > MAX_HEADERS_LEAD / 2) {
            return;
        }
        for (Peer p : peers.values()) {
            if (p.moreHeaders && !p.isClosed()) {
                p.moreHeaders = false;
                synchronized (this) {
                    if (syncPeer == p) {
                        syncPeerAskedNanos = System.nanoTime();
                    }
                }
                askHeaders(p, BlockLocator.from(best, chain));
                return;
            }
        }
    }
}
