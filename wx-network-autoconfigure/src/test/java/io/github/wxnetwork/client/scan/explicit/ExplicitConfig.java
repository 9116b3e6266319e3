package io.github.wxnetwork.client.scan.explicit;

import io.github.wxnetwork.client.EnableWxClients;

import org.springframework.context.annotation.Configuration;

/** {@code @EnableWxClients} without attributes: scans this package. */
@Configuration(proxyBeanMethods = false)
@EnableWxClients
public class ExplicitConfig {

}
