package io.github.wxnetwork.client;

/**
 * A mapped method: binds the arguments, expands the URL, starts the task and adapts the result. Every
 * decision was taken at start-up; a call only walks arrays and appends strings.
 */
final class ExchangeInvoker implements MethodInvoker {

	private final UrlTemplate url;

	private final ArgumentBinder[] binders;

	private final TaskStarter starter;

	private final ResultAdapter result;

	/**
	 * @param binders one per parameter; null for the path variables, which the URL template reads itself
	 */
	ExchangeInvoker(UrlTemplate url, ArgumentBinder[] binders, TaskStarter starter, ResultAdapter result) {
		this.url = url;
		this.binders = binders;
		this.starter = starter;
		this.result = result;
	}

	@Override
	public Object invoke(Object proxy, Object[] args) {
		CallState call = new CallState();
		for (int i = 0; i < this.binders.length; i++) {
			ArgumentBinder binder = this.binders[i];
			if (binder != null) {
				binder.bind(args[i], call);
			}
		}
		return this.result.adapt(this.starter.start(this.url.expand(args, call.query), call));
	}

}
