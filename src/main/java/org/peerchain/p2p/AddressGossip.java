package org.peerchain.p2p;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.peerchain.p2p.wire.PeerMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Address gossip: which addresses a peer's {@code addr} may put into the address book, and which we tell a peer that
 * asks with {@code getaddr}. A peer's addresses are only ever hints to dial later through the normal handshake; what
 * this guards is the book's size and what the node can be made to dial or look up.
 */
final class AddressGossip {
    /**
     * Gossiped addresses with a lower port are not kept: a peer listens above the privileged ports, and the addresses
     * of mail, web or SSH servers would make this node a tool for probing them.
     */
    static final int MIN_PORT = 1_024;
    private static final Logger log = LoggerFactory.getLogger(AddressGossip.class);

    private final PeerAddressBook book;

    AddressGossip(PeerAddressBook book) {
        this.book = book;
    }

    /**
     * A peer's {@code addr} (reader thread): at most {@link Peer#ADDR_PER_SECOND} addresses a second after a burst of
     * {@link Peer#ADDR_BURST} (Bitcoin Core's rate); what passes {@link #problem} goes into the book under the sender's
     * network group, so one sender only ever replaces its own entries (see {@link PeerAddressBook#MAX_NEW_PER_SOURCE}).
     */
    void receive(Peer p, List<PeerMessages.NetAddress> addresses) {
        long now = System.currentTimeMillis() / 1000;
        long nanos = System.nanoTime();
        InetAddress local = p.socket.getLocalAddress();
        String source = IpLiterals.group(p.socket.getInetAddress());
        int refused = 0;
        int overRate = 0;
        String why = null;
        for (PeerMessages.NetAddress n : addresses) {
            if (!p.addrBudget.tryTake(nanos)) {
                overRate++;
                continue;
            }
            String problem = problem(n, local);
            if (problem != null) {
                refused++;
                why = problem;
                continue;
            }
            book.seen(new HostPort(IpLiterals.canonical(n.host()), n.port()), Math.min(now, n.lastSeen()), source);
        }
        if (refused > 0) {
            log.debug("{} sent {} addresses we do not keep, the last: {}", p, refused, PeerText.safe(why));
        }
        if (overRate > 0 && p.addrDropped.getAndAdd(overRate) == 0) {
            log.info("{} sends addresses faster than {} a second: the excess is dropped", p, Peer.ADDR_PER_SECOND);
        }
    }

    /**
     * Why a gossiped address is not kept, or null when it is: only IP literals (a name is never looked up for a peer),
     * ports from {@link #MIN_PORT}, nothing unroutable, and loopback or private addresses only from a peer that
     * reached us over such a network ({@code local} is our end of its connection).
     */
    static String problem(PeerMessages.NetAddress n, InetAddress local) {
        InetAddress a = IpLiterals.parse(n.host());
        if (a == null) {
            return "'" + n.host() + "' is not an IP address";
        }
        if (n.port() < MIN_PORT || n.port() > 65_535) {
            return n.host() + ": port " + n.port() + " is outside " + MIN_PORT + "-65535";
        }
        if (IpLiterals.isUnroutable(a)) {
            return n.host() + " is not a peer's address";
        }
        if (a.isLoopbackAddress() && !local.isLoopbackAddress()) {
            return n.host() + " is a loopback address, from a peer that is not on this machine";
        }
        if (IpLiterals.isPrivate(a) && !(IpLiterals.isPrivate(local) || local.isLoopbackAddress())) {
            return n.host() + " is a private address, from a peer that is not on a private network";
        }
        return null;
    }

    /** What we answer a {@code getaddr} with: the connected peers' listen addresses, then the book's best. */
    List<PeerMessages.NetAddress> addressesToShare(Collection<Peer> connected) {
        List<PeerMessages.NetAddress> out = new ArrayList<>();
        long now = System.currentTimeMillis() / 1000;
        for (Peer q : connected) {
            if (q.listenAddress != null) {
                out.add(new PeerMessages.NetAddress(q.listenAddress.host(), q.listenAddress.port(), now));
            }
        }
        for (PeerAddressBook.Entry e : book.entries(Math.max(0, PeerMessages.MAX_ADDR_SZ - out.size()))) {
            out.add(new PeerMessages.NetAddress(e.address().host(), e.address().port(), e.lastSeen()));
        }
        return out.size() > PeerMessages.MAX_ADDR_SZ ? out.subList(0, PeerMessages.MAX_ADDR_SZ) : out;
    }
}
