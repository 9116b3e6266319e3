package io.github.wxnetwork.transport;

/**
 * A proxy property that is not a proxy. Not Spring Boot's {@code InvalidConfigurationPropertyValueException}:
 * Boot's report of that one prints the property's raw value, which may hold the proxy's password; this one
 * carries the value with the password masked, and {@link InvalidProxyFailureAnalyzer} reports it.
 */
public class InvalidProxyException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String property;

	private final String maskedValue;

	private final String reason;

	InvalidProxyException(String property, String maskedValue, String reason) {
		super("Property " + property + " with value '" + maskedValue + "' is invalid: " + reason);
		this.property = property;
		this.maskedValue = maskedValue;
		this.reason = reason;
	}

	/** The property's name, {@code wx.network.proxy} or {@code wx.network.clients.<name>.proxy}. */
	public String property() {
		return this.property;
	}

	/** Its value with the password (anything between the user and "@") shown as {@code ******}. */
	public String maskedValue() {
		return this.maskedValue;
	}

	public String reason() {
		return this.reason;
	}

}
