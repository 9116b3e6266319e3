package io.github.wxnetwork.client.scan.app;

/** An application bean that gets a client injected, as user code would. */
public class AppService {

	private final AppClient client;

	public AppService(AppClient client) {
		this.client = client;
	}

	public String greet() {
		return "client says " + this.client.hello();
	}

}
