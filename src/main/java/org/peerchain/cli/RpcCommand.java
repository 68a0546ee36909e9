package org.peerchain.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.peerchain.node.DataDirectory;
import org.peerchain.node.rpc.RpcClient;
import org.peerchain.node.rpc.RpcCookie;
import org.peerchain.node.rpc.RpcException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code peerchain rpc METHOD [ARGS...]}: calls a running node, like bitcoin-cli. */
@Command(name = "rpc",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Calls a method of a running node's JSON-RPC server and prints the result.",
            "Each ARG is sent as JSON when it parses as JSON (numbers, true, false, null, objects, arrays),"
                    + " otherwise as a string; quote it as JSON (e.g. '\"42\"') to force a string.",
            "Strings are printed raw, everything else as indented JSON. On an error prints"
                    + " 'error code: N' and 'error message:' to standard error and exits with " + RpcCommand.EXIT_RPC_ERROR + ".",
            "Secrets belong on standard input, not on the command line (where other users see them in 'ps' and"
                    + " the shell keeps them): see --stdin-wallet-passphrase and --stdin."
        })
public final class RpcCommand implements Callable<Integer> {
    public static final int EXIT_OK = 0;
    /** The node answered with an error. */
    public static final int EXIT_RPC_ERROR = 1;
    /** The node could not be reached, or its cookie or ports file is missing or unreadable. */
    public static final int EXIT_UNREACHABLE = 3;
    static final List<String> NETWORKS = List.of("main", "test", "regtest");

    /** Where a method takes its wallet passphrases: the index of the first, and a prompt for each. */
    record PassphraseParams(int index, List<String> prompts) {
    }

    /** The methods that take wallet passphrases (bitcoind's order of parameters). */
    static final Map<String, PassphraseParams> PASSPHRASE_PARAMS = Map.of(
            "walletpassphrase", new PassphraseParams(0, List.of("Wallet passphrase: ")),
            "walletpassphrasechange", new PassphraseParams(0,
                    List.of("Current wallet passphrase: ", "New wallet passphrase: ")),
            "createwallet", new PassphraseParams(3, List.of("New wallet passphrase: ")));
    /** Prompts go nowhere when standard input is not a terminal: scripts read standard output and error. */
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();

    @Spec
    CommandSpec spec;

    /** Standard input; null for the process's own (a terminal when there is one). */
    private final WalletSetup.Prompter input;

    public RpcCommand() {
        this(null);
    }

    RpcCommand(WalletSetup.Prompter input) {
        this.input = input;
    }

    @Option(names = "--network", defaultValue = "main", paramLabel = "NETWORK",
            description = "main, test or regtest; picks the default data directory (default: ${DEFAULT-VALUE}).")
    String network;

    @Option(names = "--datadir", paramLabel = "DIR",
            description = "The node's data directory (default: ~/.peerchain/NETWORK, or $PEERCHAIN_HOME/NETWORK).")
    Path datadir;

    @Option(names = "--rpc-port", paramLabel = "PORT",
            description = "The RPC port (default: the \"rpc\" field of DIR/ports.json).")
    Integer rpcPort;

    @Option(names = "--rpc-host", defaultValue = RpcClient.DEFAULT_HOST, paramLabel = "HOST",
            description = "The RPC host (default: ${DEFAULT-VALUE}).")
    String rpcHost;

    @Option(names = "--stdin-wallet-passphrase",
            description = "Read the wallet passphrase from standard input, one line, without echo on a terminal"
                    + " (bitcoin-cli's -stdinwalletpassphrase), and send it where the method takes it:"
                    + " walletpassphrase's passphrase, walletpassphrasechange's old then new one (two lines),"
                    + " createwallet's passphrase. Always sent as a string.")
    boolean stdinWalletPassphrase;

    @Option(names = "--stdin",
            description = "Read more ARGS from standard input, one a line until its end, after those on the"
                    + " command line (bitcoin-cli's -stdin); with --stdin-wallet-passphrase, after the passphrase"
                    + " lines. Converted as ARGS are.")
    boolean stdin;

    @Parameters(index = "0", paramLabel = "METHOD", description = "The RPC method, e.g. getblockcount.")
    String method;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "The method's positional parameters.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!NETWORKS.contains(network)) {
            err.println("error: unknown network '" + network + "'; expected one of " + String.join(", ", NETWORKS));
            return spec.exitCodeOnInvalidInput();
        }
        Path dir = datadir != null ? datadir : DataDirectory.defaultFor(network);
        List<JsonElement> params;
        try {
            params = params(input != null ? input : WalletSetup.Prompter.system(QUIET));
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return spec.exitCodeOnInvalidInput();
        } catch (IOException e) {
            err.println("error: cannot read standard input: " + e.getMessage());
            err.flush();
            return spec.exitCodeOnInvalidInput();
        }
        try {
            RpcCookie cookie = RpcCookie.read(dir.resolve(RpcCookie.FILE_NAME));
            int port = rpcPort != null ? rpcPort : RpcClient.readRpcPort(dir);
            RpcClient client = new RpcClient(rpcHost, port, cookie);
            JsonElement result = client.call(method, params.toArray(JsonElement[]::new));
            String text = format(result);
            if (!text.isEmpty()) {
                out.println(text);
            }
            out.flush();
            return EXIT_OK;
        } catch (RpcException e) {
            err.println("error code: " + e.code());
            err.println("error message:");
            err.println(e.getMessage());
            err.flush();
            return EXIT_RPC_ERROR;
        } catch (NoSuchFileException e) {
            err.println("error: " + e.getFile() + ": " + e.getReason());
            err.flush();
            return EXIT_UNREACHABLE;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return EXIT_UNREACHABLE;
        }
    }

    /**
     * The call's parameters: ARGS, with the wallet passphrases read from standard input put where the method takes
     * them (parameters skipped before them sent as null, so that they take their defaults), and the lines of
     * standard input after them with {@code --stdin}.
     */
    List<JsonElement> params(WalletSetup.Prompter in) throws IOException {
        List<JsonElement> params = new ArrayList<>(args.stream().map(RpcCommand::parseArg).toList());
        if (stdinWalletPassphrase) {
            PassphraseParams at = PASSPHRASE_PARAMS.get(method);
            if (at == null) {
                throw new IllegalArgumentException("--stdin-wallet-passphrase works with walletpassphrase,"
                        + " walletpassphrasechange and createwallet, not " + method);
            }
            while (params.size() < at.index()) {
                params.add(JsonNull.INSTANCE);
            }
            List<JsonElement> passphrases = new ArrayList<>();
            for (String prompt : at.prompts()) {
                char[] typed = in.secret(prompt);
                if (typed == null) {
                    throw new IllegalArgumentException("--stdin-wallet-passphrase: standard input ended before the"
                            + " wallet passphrase (" + prompt.replace(": ", "") + ")");
                }
                // the request is JSON text, so the passphrase becomes a string; the typed array is wiped
                passphrases.add(new JsonPrimitive(new String(typed)));
                Arrays.fill(typed, '\0');
            }
            params.addAll(at.index(), passphrases);
        }
        if (stdin) {
            for (String line = in.line(""); line != null; line = in.line("")) {
                params.add(parseArg(line));
            }
        }
        return params;
    }

    /** bitcoin-cli's conversion: JSON when the text is one JSON value, otherwise the text as a string. */
    static JsonElement parseArg(String arg) {
        try {
            JsonReader reader = new JsonReader(new StringReader(arg));
            reader.setStrictness(Strictness.STRICT);
            JsonElement e = PRETTY.getAdapter(JsonElement.class).read(reader);
            if (reader.peek() == JsonToken.END_DOCUMENT) {
                return e;
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: a plain string
        }
        return new JsonPrimitive(arg);
    }

    /** As bitcoin-cli prints a result: null as nothing, a string raw, anything else as indented JSON. */
    static String format(JsonElement result) {
        if (result == null || result.isJsonNull()) {
            return "";
        }
        if (result.isJsonPrimitive() && result.getAsJsonPrimitive().isString()) {
            return result.getAsString();
        }
        return PRETTY.toJson(result);
    }
}
