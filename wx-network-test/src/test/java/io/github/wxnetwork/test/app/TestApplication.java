package io.github.wxnetwork.test.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application with two clients, a service and a web layer on its classpath: what the slice must cut. */
@SpringBootApplication
public class TestApplication {

}
