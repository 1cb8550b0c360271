package io.ioarena.harness.hosts;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hosts file: defaults filled in, instances dealt over the client hosts, every mistake named by its field. */
class HostsFileTest
{
    private static final String SERVER = "{\"address\":\"10.0.0.2\",\"user\":\"bench\",\"key\":\"/k\",\"repo\":\"/r\"}";

    @Test
    void defaultsAreFilledInAndInstancesGoRoundRobin() throws Exception
    {
        final HostsFile h = read("{\"server\":" + SERVER + ",\"clients\":[" + SERVER.replace("0.2", "0.3") + ","
            + SERVER.replace("0.2", "0.4").replace("}", ",\"cpus\":\"0-1\",\"sshPort\":2222}") + "],\"instances\":3,"
            + "\"knownHosts\":\"/kh\"}");
        assertEquals(22, h.server().sshPort());
        assertEquals("java", h.server().java());
        assertEquals("/tmp/ioarena", h.server().workDir());
        assertEquals(List.of("10.0.0.3", "10.0.0.4", "10.0.0.3"),
            List.of(h.clientOf(0).address(), h.clientOf(1).address(), h.clientOf(2).address()));
        assertEquals(List.of(0, 1), h.clientOf(1).cpuList());
        assertEquals(2222, h.clientOf(1).sshPort());
        assertEquals(1 + 1 + 3, h.describe().size());
        assertTrue(h.describe().get(4).contains("client instance 2 of 3 on bench@10.0.0.3:22"), h.describe().get(4));
    }

    @Test
    void instancesDefaultToOnePerClientHost() throws Exception
    {
        assertEquals(1, read("{\"server\":" + SERVER + ",\"clients\":[" + SERVER + "]}").instances());
    }

    @Test
    void everyMistakeNamesItsField()
    {
        assertMessage("{\"clients\":[" + SERVER + "]}", "server is missing");
        assertMessage("{\"server\":" + SERVER + ",\"clients\":[]}", "clients is missing or empty");
        assertMessage("{\"server\":" + SERVER + ",\"clients\":[" + SERVER.replace("\"user\":\"bench\",", "") + "]}",
            "clients[0].user is missing");
        assertMessage("{\"server\":" + SERVER.replace("\"/r\"", "\"r\"") + ",\"clients\":[" + SERVER + "]}",
            "server.repo must be the absolute path");
        assertMessage("{\"server\":" + SERVER.replace("}", ",\"cpus\":\"a-b\"}") + ",\"clients\":[" + SERVER + "]}",
            "server.cpus is not a CPU list");
        assertMessage("{\"server\":" + SERVER.replace("}", ",\"sshPort\":0}") + ",\"clients\":[" + SERVER + "]}",
            "server.sshPort must be 1..65535");
        assertMessage("{\"server\":" + SERVER + ",\"clients\":[" + SERVER + "],\"instances\":0}",
            "instances must be at least 1");
        assertMessage("{\"server\":" + SERVER.replace("\"user\"", "\"usr\"") + ",\"clients\":[" + SERVER + "]}",
            "unknown key \"usr\"");
    }

    private static void assertMessage(final String json, final String expected)
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(json));
        assertTrue(e.getMessage().startsWith("hosts test.json: ") && e.getMessage().contains(expected),
            e.getMessage());
    }

    private static HostsFile read(final String json) throws Exception
    {
        return HostsFile.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }
}
