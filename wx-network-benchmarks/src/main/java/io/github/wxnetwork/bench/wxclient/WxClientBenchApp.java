package io.github.wxnetwork.bench.wxclient;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application whose package holds a {@code @WxClient} interface, found without {@code @EnableWxClients}. */
@SpringBootApplication
public class WxClientBenchApp {

}
