package org.peerchain.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.peerchain.core.Address;

@Timeout(30)
class AddressBookTest {
    private static final int PREFIX = 0x37;
    @TempDir
    Path dir;

    private final KeyChain chain = KeyChain.fromSeed(new byte[64]);
    private final Address alice = chain.address(PREFIX, KeyPath.receive(0));
    private final Address bob = chain.address(PREFIX, KeyPath.receive(1));

    @Test
    void labelsAndContactsSurviveReopening() throws Exception {
        Path file = dir.resolve("addressbook.json");
        AddressBook book = AddressBook.open(file, PREFIX);
        book.setLabel(alice.encode(), "  savings ");
        book.putContact("Bob", " " + bob.encode() + " ");
        AddressBook again = AddressBook.open(file, PREFIX);
        assertEquals(Optional.of("savings"), again.label(alice));
        assertEquals(Map.of(alice, "savings"), again.labels());
        assertEquals(List.of(new AddressBook.Contact("Bob", bob)), again.contacts());
        assertTrue(again.removeContact("Bob"));
        assertEquals(List.of(), AddressBook.open(file, PREFIX).contacts());
    }

    @Test
    void aMistypedAddressIsRejectedByItsChecksumAndSaidSo() throws Exception {
        AddressBook book = AddressBook.open(dir.resolve("ab.json"), PREFIX);
        String good = bob.encode();
        char last = good.charAt(good.length() - 1);
        String typo = good.substring(0, good.length() - 1) + (last == 'z' ? 'y' : 'z');
        var e = assertThrows(IllegalArgumentException.class, () -> book.putContact("Bob", typo));
        assertEquals("'" + typo + "' is not a valid address: the address checksum does not match: it has a typo",
                e.getMessage());
        var other = assertThrows(IllegalArgumentException.class,
                () -> book.setLabel(Address.ofPublicKey(0x10, new byte[32]).encode(), "x"));
        assertTrue(other.getMessage().endsWith("the address is for another network"), other.getMessage());
        assertThrows(IllegalArgumentException.class, () -> book.putContact(" ", good));
        assertThrows(IllegalArgumentException.class, () -> book.setLabel(good, "x".repeat(101)));
    }

    @Test
    void aDamagedFileGetsAnErrorNamingItAndIsLeftUntouched() throws Exception {
        Path file = dir.resolve("ab.json");
        Files.writeString(file, "{\"version\": 1, \"labels\": {\"notanaddress\": \"x\"}");
        var e = assertThrows(IOException.class, () -> AddressBook.open(file, PREFIX));
        assertTrue(e.getMessage().startsWith("the address book " + file + " cannot be read"), e.getMessage());
        assertEquals("{\"version\": 1, \"labels\": {\"notanaddress\": \"x\"}", Files.readString(file));
    }

    @Test
    void aNonNumericVersionOrAFileThatIsNotUtf8GetsAnErrorNamingTheFile() throws Exception {
        Path file = dir.resolve("ab.json");
        Files.writeString(file, "{\"version\": \"one\"}");
        var version = assertThrows(IOException.class, () -> AddressBook.open(file, PREFIX));
        assertTrue(version.getMessage().startsWith("the address book " + file + " cannot be read"), version.getMessage());
        byte[] latin1 = {'{', '"', 'v', (byte) 0xE9, '"', ':', '1', '}'};
        Files.write(file, latin1);
        var encoding = assertThrows(IOException.class, () -> AddressBook.open(file, PREFIX));
        assertTrue(encoding.getMessage().contains("not UTF-8"), encoding.getMessage());
        org.junit.jupiter.api.Assertions.assertArrayEquals(latin1, Files.readAllBytes(file));
    }
}
