package dev.rockstar.tenancy.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Payara Micro started as the documentation starts it (here: as the tests do, with the same
 * options, {@code src/test/resources/arquillian.xml}) listens on its HTTP port and otherwise on
 * loopback only: no data grid port (6900 and up, which {@code --nocluster} alone leaves open on
 * every interface), no embedded H2 server port beyond loopback. Read from Linux's socket tables,
 * {@code /proc/net/tcp} and {@code tcp6}, for the process that owns the HTTP port.
 */
class ListeningPortsIT extends DeployedWarTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void payaraMicroListensOnItsHttpPortAndOtherwiseOnLoopbackOnly() throws IOException {
        assumeTrue(Deployments.isPayara(), "Payara Micro's options are what is checked");
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "needs Linux's /proc");
        client.get("acme.test", "/api/documents")
                .assertJson(200); // the database (embedded H2: its server port) is open

        Map<Long, Listener> listening = listeners();
        long http = listening.entrySet().stream()
                .filter(e -> e.getValue().port() == base.getPort())
                .mapToLong(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no socket listens on the HTTP port " + base.getPort() + ": " + listening.values()));
        Set<Long> ofServer = socketsOfProcessOwning(http);
        List<Listener> server = new ArrayList<>();
        ofServer.stream().filter(listening::containsKey).forEach(inode -> server.add(listening.get(inode)));
        System.out.println("ListeningPortsIT " + Deployments.server() + ": the server listens on " + server);

        assertFalse(server.isEmpty());
        Set<String> beyondLoopback = new TreeSet<>();
        for (Listener listener : server) {
            if (listener.port() != base.getPort() && !listener.address().isLoopbackAddress()) {
                beyondLoopback.add(listener.toString());
            }
        }
        assertEquals(Set.of(), beyondLoopback, "listening beyond loopback, other than HTTP on " + base.getPort());
    }

    private record Listener(InetAddress address, int port) {

        @Override
        public String toString() {
            return address.getHostAddress() + ":" + port;
        }
    }

    /** Listening TCP sockets of the machine by inode, IPv4 and IPv6. */
    private static Map<Long, Listener> listeners() throws IOException {
        Map<Long, Listener> listeners = new HashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.isReadable(path)) {
                continue;
            }
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.strip().split("\\s+");
                if (!fields[3].equals("0A")) { // TCP_LISTEN
                    continue;
                }
                String[] local = fields[1].split(":");
                listeners.put(
                        Long.parseLong(fields[9]), new Listener(address(local[0]), Integer.parseInt(local[1], 16)));
            }
        }
        return listeners;
    }

    /** The kernel writes each 32-bit word of the address in the machine's byte order (little-endian here). */
    private static InetAddress address(String hex) throws UnknownHostException {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + (3 - b) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return InetAddress.getByAddress(bytes);
    }

    /** Every socket inode of the process holding {@code inode} open. */
    private static Set<Long> socketsOfProcessOwning(long inode) throws IOException {
        String wanted = "socket:[" + inode + "]";
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(
                Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                Set<Long> sockets = sockets(process);
                if (sockets.contains(inode)) {
                    return sockets;
                }
            }
        }
        throw new AssertionError("no process readable here holds " + wanted);
    }

    private static Set<Long> sockets(Path process) {
        Set<Long> sockets = new TreeSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        sockets.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while listed
                }
            }
        } catch (IOException | SecurityException notOurs) {
            // a process that ended, or one this user may not read
        }
        return sockets;
    }
}
