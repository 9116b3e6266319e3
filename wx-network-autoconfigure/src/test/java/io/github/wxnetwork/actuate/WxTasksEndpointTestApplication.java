package io.github.wxnetwork.actuate;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** A minimal web application with every auto-configuration on the test classpath: Actuator, MVC, wx-network. */
@SpringBootConfiguration
@EnableAutoConfiguration
class WxTasksEndpointTestApplication {

}
