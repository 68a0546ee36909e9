package org.peerchain.wallet;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.peerchain.core.Address;

/**
 * Labels for our own addresses and a book of contacts (name and address), kept in a JSON file written
 * atomically with a backup. Every address is checked on the way in: a typo is caught by its checksum and
 * said so. Not secret: it holds no key.
 */
public final class AddressBook {
    public static final int VERSION = 1;
    public static final int MAX_LABEL_LENGTH = 100;
    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_ENTRIES = 100_000;

    /** A contact: someone we pay, by name. */
    public record Contact(String name, Address address) {
    }

    private final Path file;
    private final int addressPrefix;
    private final Map<Address, String> labels = new LinkedHashMap<>();
    private final Map<String, Contact> contacts = new LinkedHashMap<>();

    private AddressBook(Path file, int addressPrefix) {
        this.file = file;
        this.addressPrefix = addressPrefix;
    }

    /**
     * Opens the book at {@code file} (an empty one if the file does not exist yet) for addresses with the
     * network prefix {@code addressPrefix}.
     *
     * @throws IOException naming the file and what is wrong if it cannot be read; the file is left untouched
     */
    public static AddressBook open(Path file, int addressPrefix) throws IOException {
        AddressBook book = new AddressBook(file, addressPrefix);
        if (Files.exists(file)) {
            book.load();
        }
        return book;
    }

    /** Labels one of our addresses; an empty label removes it. */
    public synchronized void setLabel(String address, String label) throws IOException {
        Address a = parseAddress(address);
        String l = label == null ? "" : label.strip();
        checkLength("label", l, MAX_LABEL_LENGTH);
        if (l.isEmpty()) {
            labels.remove(a);
        } else {
            checkRoom(labels.containsKey(a));
            labels.put(a, l);
        }
        save();
    }

    public synchronized Optional<String> label(Address address) {
        return Optional.ofNullable(labels.get(address));
    }

    public synchronized Map<Address, String> labels() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** Adds or replaces the contact named {@code name}. */
    public synchronized Contact putContact(String name, String address) throws IOException {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new IllegalArgumentException("the contact's name is empty");
        }
        checkLength("contact name", n, MAX_NAME_LENGTH);
        Contact c = new Contact(n, parseAddress(address));
        checkRoom(contacts.containsKey(n));
        contacts.put(n, c);
        save();
        return c;
    }

    public synchronized boolean removeContact(String name) throws IOException {
        boolean removed = contacts.remove(name == null ? "" : name.strip()) != null;
        if (removed) {
            save();
        }
        return removed;
    }

    public synchronized Optional<Contact> contact(String name) {
        return Optional.ofNullable(contacts.get(name == null ? "" : name.strip()));
    }

    public synchronized List<Contact> contacts() {
        return List.copyOf(contacts.values());
    }

    private Address parseAddress(String text) {
        try {
            return Address.parse(text, addressPrefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + (text == null ? "" : text.strip()) + "' is not a valid address: "
                    + e.getMessage(), e);
        }
    }

    private void checkRoom(boolean replacing) {
        if (!replacing && labels.size() + contacts.size() >= MAX_ENTRIES) {
            throw new IllegalArgumentException("the address book is full (" + MAX_ENTRIES + " entries)");
        }
    }

    private static void checkLength(String what, String value, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException("the " + what + " is " + value.length() + " characters; at most " + max);
        }
    }

    private void save() throws IOException {
        JsonObject json = new JsonObject();
        json.addProperty("version", VERSION);
        JsonObject l = new JsonObject();
        labels.forEach((a, label) -> l.addProperty(a.encode(), label));
        json.add("labels", l);
        JsonArray cs = new JsonArray();
        for (Contact c : contacts.values()) {
            JsonObject o = new JsonObject();
            o.addProperty("name", c.name());
            o.addProperty("address", c.address().encode());
            cs.add(o);
        }
        json.add("contacts", cs);
        AtomicFile.replace(file, new GsonBuilder().setPrettyPrinting().create().toJson(json)
                .getBytes(StandardCharsets.UTF_8), true);
    }

    private void load() throws IOException {
        try {
            JsonElement root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!root.isJsonObject()) {
                throw bad("it is not a JSON object");
            }
            JsonObject json = root.getAsJsonObject();
            if (!json.has("version") || json.get("version").getAsInt() != VERSION) {
                throw bad("its version is not " + VERSION);
            }
            if (json.has("labels")) {
                for (Map.Entry<String, JsonElement> e : json.getAsJsonObject("labels").entrySet()) {
                    labels.put(parseStored(e.getKey()), e.getValue().getAsString());
                }
            }
            if (json.has("contacts")) {
                for (JsonElement e : json.getAsJsonArray("contacts")) {
                    JsonObject o = e.getAsJsonObject();
                    String name = o.get("name").getAsString();
                    contacts.put(name, new Contact(name, parseStored(o.get("address").getAsString())));
                }
            }
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | NullPointerException
                | ClassCastException | NumberFormatException e) {
            throw bad("it is not valid address-book JSON (" + e.getMessage() + ")");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw bad("it is not UTF-8 text");
        }
    }

    private Address parseStored(String address) throws IOException {
        try {
            return Address.parse(address, addressPrefix);
        } catch (IllegalArgumentException e) {
            throw bad("it holds the address '" + address + "', which is not valid here: " + e.getMessage());
        }
    }

    private IOException bad(String problem) {
        return new IOException("the address book " + file + " cannot be read: " + problem
                + " (the backup " + AtomicFile.backupOf(file).getFileName() + " beside it may be intact)");
    }
}
