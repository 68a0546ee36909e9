package org.peerchain.node;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.peerchain.node.api.BanInfo;
import org.peerchain.node.api.NodeServices;
import org.peerchain.node.api.PeerService;
import org.peerchain.node.api.PeerSnapshot;
import org.peerchain.node.api.PeerStats;
import org.peerchain.node.api.TrackerInfo;
import org.peerchain.node.rpc.RpcErrors;
import org.peerchain.node.rpc.RpcException;
import org.peerchain.node.rpc.RpcMethods;
import org.peerchain.node.rpc.RpcParams;
import org.peerchain.p2p.HostPort;
import org.peerchain.p2p.PeerNetwork;
import org.peerchain.p2p.ProtocolVersion;

/**
 * The network methods, with bitcoind's names, parameters and result fields: thin adapters over the node's
 * {@link PeerService} where a method has a twin there, so the Peers screen and {@code getpeerinfo} cannot disagree.
 */
final class NetworkRpc {
    /** bitcoind's codes for these methods (src/rpc/protocol.h). */
    static final int CLIENT_P2P_DISABLED = -9;
    static final int CLIENT_NODE_ALREADY_ADDED = -23;
    static final int CLIENT_NODE_NOT_ADDED = -24;
    static final int CLIENT_NODE_NOT_CONNECTED = -29;
    static final int CLIENT_INVALID_IP_OR_SUBNET = -30;
    /** bitcoind's default {@code setban} time. */
    static final long DEFAULT_BAN_SECONDS = 24 * 60 * 60;
    static final String SUBVERSION_PREFIX = "/PeerChain:";
    static final String MANUAL_BAN_REASON = "manually added";

    private final Node node;

    NetworkRpc(Node node) {
        this.node = node;
    }

    void register(RpcMethods m) {
        m.register("getpeerinfo", List.of(), p -> peerInfo());
        m.register("getnetworkinfo", List.of(), p -> networkInfo());
        m.register("getconnectioncount", List.of(), p -> new JsonPrimitive(network().connectionCount()));
        m.register("addnode", List.of("node", "command"), this::addNode);
        m.register("disconnectnode", List.of("address", "nodeid"), this::disconnectNode);
        m.register("listbanned", List.of(), p -> listBanned());
        m.register("setban", List.of("subnet", "command", "bantime", "absolute"), this::setBan);
        m.register("clearbanned", List.of(), p -> {
            peers().clearBans();
            return JsonNull.INSTANCE;
        });
    }

    private PeerNetwork network() throws RpcException {
        PeerNetwork n = node.network();
        if (n == null) {
            throw p2pDisabled();
        }
        return n;
    }

    private static RpcException p2pDisabled() {
        return new RpcException(CLIENT_P2P_DISABLED, "Error: Peer-to-peer functionality missing or disabled (start with --port)");
    }

    /** The peers service, when P2P is on (the services exist before the RPC server leaves its warm-up). */
    private PeerService peers() throws RpcException {
        NodeServices services = node.services();
        if (services == null) {
            throw new RpcException(RpcErrors.IN_WARMUP, "The node is still starting");
        }
        if (!services.peers().enabled()) {
            throw p2pDisabled();
        }
        return services.peers();
    }

    private JsonElement peerInfo() throws RpcException {
        JsonArray a = new JsonArray();
        for (PeerStats p : peers().snapshot().peers()) {
            JsonObject o = new JsonObject();
            o.addProperty("id", p.id());
            o.addProperty("addr", p.address());
            o.addProperty("inbound", p.inbound());
            o.addProperty("version", p.protocolVersion());
            o.addProperty("subver", "");
            o.addProperty("nodeid", p.nodeId());
            o.addProperty("listenport", p.listenPort());
            o.addProperty("startingheight", p.startingHeight());
            o.addProperty("synced_headers", p.syncedHeaders());
            o.addProperty("synced_blocks", p.syncedBlocks());
            if (p.pingMillis() >= 0) {
                o.addProperty("pingtime", p.pingMillis() / 1000.0);
            }
            o.addProperty("bytessent", p.bytesSent());
            o.addProperty("bytesrecv", p.bytesReceived());
            o.addProperty("conntime", p.connectedAtMillis() / 1000);
            o.addProperty("lastsend", p.lastSendMillis() / 1000);
            o.addProperty("lastrecv", p.lastReceiveMillis() / 1000);
            o.addProperty("banscore", p.misbehaviour());
            o.addProperty("misbehaviour", p.misbehaviour());
            o.addProperty("connection_type", p.inbound() ? "inbound" : "outbound-full-relay");
            o.addProperty("connection_source", p.source().name().toLowerCase(java.util.Locale.ROOT));
            o.addProperty("height", p.height());
            a.add(o);
        }
        return a;
    }

    private JsonElement networkInfo() {
        PeerNetwork n = node.network();
        NodeServices services = node.services();
        PeerSnapshot snapshot = n == null || services == null ? PeerSnapshot.empty(System.currentTimeMillis())
                : services.peers().snapshot();
        JsonObject o = new JsonObject();
        o.addProperty("version", ProtocolVersion.CURRENT * 10_000);
        o.addProperty("subversion", SUBVERSION_PREFIX + softwareVersion() + "/");
        o.addProperty("protocolversion", ProtocolVersion.CURRENT);
        o.addProperty("localservices", "0000000000000001");
        o.addProperty("localrelay", true);
        o.addProperty("networkactive", n != null);
        o.addProperty("connections", snapshot.peers().size());
        o.addProperty("connections_in", snapshot.inboundCount());
        o.addProperty("connections_out", snapshot.outboundCount());
        o.addProperty("port", n == null ? 0 : n.port());
        o.addProperty("nodeid", n == null ? "" : n.nodeId());
        JsonArray networks = new JsonArray();
        JsonObject ipv4 = new JsonObject();
        ipv4.addProperty("name", "ipv4");
        ipv4.addProperty("limited", false);
        ipv4.addProperty("reachable", n != null);
        networks.add(ipv4);
        o.add("networks", networks);
        o.add("relayfee", RpcJson.amount(org.peerchain.mempool.Mempool.MIN_RELAY_FEE_PER_BYTE * 1000));
        o.add("localaddresses", new JsonArray());
        JsonArray trackers = new JsonArray();
        for (TrackerInfo t : snapshot.trackers()) {
            JsonObject e = new JsonObject();
            e.addProperty("address", t.address());
            e.addProperty("failures", t.failuresInARow());
            e.addProperty("lastsuccess", t.lastAnnounceMillis() / 1000);
            if (!t.lastError().isEmpty()) {
                e.addProperty("lasterror", t.lastError());
            }
            e.addProperty("state", t.state().name().toLowerCase(java.util.Locale.ROOT));
            e.addProperty("peersreturned", t.peersReturned());
            trackers.add(e);
        }
        o.add("trackers", trackers);
        o.addProperty("totalbytesrecv", snapshot.bytesReceived());
        o.addProperty("totalbytessent", snapshot.bytesSent());
        o.addProperty("warnings", "");
        return o;
    }

    private static String softwareVersion() {
        String v = Node.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    private JsonElement addNode(RpcParams p) throws RpcException {
        String text = p.requireString(0, "node");
        String command = p.requireString(1, "command");
        HostPort target;
        try {
            target = HostPort.parse(text, node.params().defaultPort());
        } catch (IllegalArgumentException e) {
            throw new RpcException(RpcErrors.INVALID_PARAMETER, "Invalid node address: " + e.getMessage());
        }
        PeerNetwork n = network();
        switch (command) {
            case "add" -> {
                if (n.fixedPeers().contains(target)) {
                    throw new RpcException(CLIENT_NODE_ALREADY_ADDED, "Error: Node already added");
                }
                try {
                    peers().addPeer(text);
                } catch (IllegalArgumentException e) {
                    throw new RpcException(RpcErrors.INVALID_PARAMETER, "Invalid node address: " + e.getMessage());
                }
            }
            case "remove" -> {
                if (!n.fixedPeers().contains(target)) {
                    throw new RpcException(CLIENT_NODE_NOT_ADDED, "Error: Node could not be removed. It has not been added previously.");
                }
                n.addNode(target, PeerNetwork.AddNode.REMOVE);
            }
            case "onetry" -> n.addNode(target, PeerNetwork.AddNode.ONETRY);
            default -> throw new RpcException(RpcErrors.INVALID_PARAMETER,
                    "command must be add, remove or onetry, not '" + command + "'");
        }
        return JsonNull.INSTANCE;
    }

    /** bitcoind's {@code disconnectnode ( "address" nodeid )}: by the address as getpeerinfo shows it, or by id. */
    private JsonElement disconnectNode(RpcParams p) throws RpcException {
        String address = p.optionalString(0, "address", "");
        boolean byId = p.has(1);
        PeerService peers = peers();
        boolean done;
        if (!address.isEmpty() && !byId) {
            done = false;
            for (PeerStats s : peers.snapshot().peers()) {
                if (s.address().equals(address)) {
                    done |= peers.disconnect(s.id());
                }
            }
        } else if (byId && address.isEmpty()) {
            done = peers.disconnect(p.requireLong(1, "nodeid"));
        } else {
            throw new RpcException(RpcErrors.INVALID_PARAMS, "Only one of address and nodeid should be provided.");
        }
        if (!done) {
            throw new RpcException(CLIENT_NODE_NOT_CONNECTED, "Node not found in connected nodes");
        }
        return JsonNull.INSTANCE;
    }

    private JsonElement listBanned() throws RpcException {
        JsonArray a = new JsonArray();
        long now = System.currentTimeMillis() / 1000;
        for (BanInfo b : peers().bans()) {
            JsonObject o = new JsonObject();
            o.addProperty("address", b.address() + "/32");
            o.addProperty("ban_created", b.createdAt());
            o.addProperty("banned_until", b.bannedUntil());
            o.addProperty("ban_duration", b.bannedUntil() - b.createdAt());
            o.addProperty("time_remaining", Math.max(0, b.bannedUntil() - now));
            o.addProperty("reason", b.reason());
            a.add(o);
        }
        return a;
    }

    private JsonElement setBan(RpcParams p) throws RpcException {
        String subnet = p.requireString(0, "subnet");
        String command = p.requireString(1, "command");
        String host = hostOf(subnet);
        PeerService peers = peers();
        switch (command) {
            case "add" -> {
                if (peers.bans().stream().anyMatch(b -> b.address().equals(host))) {
                    throw new RpcException(CLIENT_NODE_ALREADY_ADDED, "Error: IP/Subnet already banned");
                }
                long bantime = p.optionalLong(2, "bantime", 0);
                boolean absolute = p.optionalBoolean(3, "absolute", false);
                long now = System.currentTimeMillis() / 1000;
                long seconds = bantime <= 0 ? DEFAULT_BAN_SECONDS : absolute ? bantime - now : bantime;
                if (seconds <= 0) {
                    throw new RpcException(RpcErrors.INVALID_PARAMETER, "Error: Absolute timestamp is in the past");
                }
                peers.ban(host, Duration.ofSeconds(seconds), MANUAL_BAN_REASON);
            }
            case "remove" -> {
                if (!peers.unban(host)) {
                    throw new RpcException(CLIENT_INVALID_IP_OR_SUBNET, "Error: Unban failed. Requested address/subnet was not previously manually banned.");
                }
            }
            default -> throw new RpcException(RpcErrors.INVALID_PARAMETER, "command must be add or remove, not '" + command + "'");
        }
        return JsonNull.INSTANCE;
    }

    /** An IP address, optionally with "/32" (single addresses only: subnets are not supported). */
    private static String hostOf(String subnet) throws RpcException {
        String s = subnet.endsWith("/32") || subnet.endsWith("/128") ? subnet.substring(0, subnet.indexOf('/')) : subnet;
        if (s.contains("/")) {
            throw new RpcException(CLIENT_INVALID_IP_OR_SUBNET, "Error: Invalid IP/Subnet: only single addresses can be banned, not '" + subnet + "'");
        }
        if (!s.matches("[0-9a-fA-F:.]+")) {
            throw new RpcException(CLIENT_INVALID_IP_OR_SUBNET, "Error: Invalid IP/Subnet: '" + subnet + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(s).getHostAddress();
        } catch (UnknownHostException e) {
            throw new RpcException(CLIENT_INVALID_IP_OR_SUBNET, "Error: Invalid IP/Subnet: '" + subnet + "'");
        }
    }
}
