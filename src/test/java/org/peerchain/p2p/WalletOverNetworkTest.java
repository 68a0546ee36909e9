package org.peerchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.consensus.ChainParams;
import org.peerchain.core.Amount;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.PeerOptions;
import org.peerchain.node.rpc.RpcClient;
import org.peerchain.wallet.Keystore;
import org.peerchain.wallet.RecoveryPhrase;
import org.peerchain.wallet.Wallet;

/** Issue 6's acceptance over the real network: two wallet nodes connected by P2P, driven only through RPC. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WalletOverNetworkTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final Duration SECONDS = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private Node start(Path data, List<HostPort> connect) throws Exception {
        Wallet.create(data, ChainParams.REGTEST, PASSWORD.toCharArray(), RecoveryPhrase.generate(new SecureRandom()), "",
                false, Keystore.MIN_ITERATIONS);
        return Node.start(new NodeConfig(ChainParams.REGTEST, data, 0, 0,
                new PeerOptions(List.of(), connect, P2pSettings.forLoopbackTests())));
    }

    private static JsonObject balances(RpcClient rpc) throws Exception {
        return rpc.call("getbalances").getAsJsonObject().getAsJsonObject("mine");
    }

    @Test
    void aSendIsRelayedPendingAtTheReceiverWithinSecondsThenConfirmedAndPartSentBack() throws Exception {
        try (Node a = start(dir.resolve("a"), List.of()); Node b = start(dir.resolve("b"), List.of(TestNetwork.address(a)))) {
            RpcClient rpcA = RpcClient.forDataDir(dir.resolve("a"));
            RpcClient rpcB = RpcClient.forDataDir(dir.resolve("b"));
            TestNetwork.await("the nodes to connect", SECONDS, () -> a.network().connectionCount() == 1);
            String minedTo = rpcA.call("getnewaddress").getAsString();
            rpcA.call("generatetoaddress", new JsonPrimitive(ChainParams.COINBASE_MATURITY + 1), new JsonPrimitive(minedTo));
            TestNetwork.awaitSameTip(SECONDS, a, b);

            rpcA.call("walletpassphrase", new JsonPrimitive(PASSWORD), new JsonPrimitive(600));
            long before = Amount.fromCoins(balances(rpcA).get("trusted").getAsBigDecimal());
            String toB = rpcB.call("getnewaddress").getAsString();
            String txid = rpcA.call("sendtoaddress", new JsonPrimitive(toB), new JsonPrimitive(12.5)).getAsString();
            TestNetwork.await("B to see the payment pending", SECONDS,
                    () -> "12.50000000".equals(call(() -> balances(rpcB).get("untrusted_pending").getAsString())));
            long fee = Amount.fromCoins(rpcA.call("gettransaction", new JsonPrimitive(txid)).getAsJsonObject()
                    .get("fee").getAsBigDecimal().negate());
            assertEquals(before - Amount.parse("12.5") - fee,
                    Amount.fromCoins(balances(rpcA).get("trusted").getAsBigDecimal()));

            rpcA.call("generatetoaddress", new JsonPrimitive(1), new JsonPrimitive(minedTo));
            TestNetwork.await("B to see the payment confirmed and spendable", SECONDS,
                    () -> "12.50000000".equals(call(() -> balances(rpcB).get("trusted").getAsString())));
            assertEquals(1, rpcB.call("gettransaction", new JsonPrimitive(txid)).getAsJsonObject()
                    .get("confirmations").getAsInt());

            rpcB.call("walletpassphrase", new JsonPrimitive(PASSWORD), new JsonPrimitive(600));
            String back = rpcB.call("sendtoaddress", new JsonPrimitive(rpcA.call("getnewaddress").getAsString()),
                    new JsonPrimitive(4)).getAsString();
            TestNetwork.await("A to see B's payment pending", SECONDS, () -> a.mempool().contains(
                    org.peerchain.core.Hash.fromHex(back)));
            assertTrue(Amount.fromCoins(balances(rpcA).get("untrusted_pending").getAsBigDecimal()) >= Amount.coins(4));
        }
    }

    private interface Call<T> {
        T get() throws Exception;
    }

    private static <T> T call(Call<T> c) {
        try {
            return c.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
