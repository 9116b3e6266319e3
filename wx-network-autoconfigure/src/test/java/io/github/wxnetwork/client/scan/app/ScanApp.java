package io.github.wxnetwork.client.scan.app;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/** Stands in for a {@code @SpringBootApplication} class: its package is the auto-configuration package. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class ScanApp {

}
