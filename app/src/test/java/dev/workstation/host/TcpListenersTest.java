package dev.workstation.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpListenersTest {

  @Test
  void only_listening_sockets_are_read_with_their_port_uid_and_inode() {
    List<TcpListeners.Listener> out = new ArrayList<>();
    TcpListeners.parse(
        List.of(
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid"
                + "  timeout inode",
            "   0: 0100007F:0EBD 00000000:0000 0A 00000000:00000000 00:00000000 00000000 20001"
                + "        0 4242 1 0000000000000000 100 0 0 10 0",
            "   1: 0100007F:0EBD 0100007F:9C40 01 00000000:00000000 00:00000000 00000000 20001"
                + "        0 4343 1 0000000000000000 100 0 0 10 0",
            "   2: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A"
                + " 00000000:00000000 00:00000000 00000000     0        0 77 1 0 100 0 0 10 0",
            "   3: garbage"),
        out);
    assertEquals(
        List.of(
            new TcpListeners.Listener(3773, 20001, 4242), new TcpListeners.Listener(8080, 0, 77)),
        out);
  }
}
