/**
 * Declarative clients: interfaces annotated {@link io.github.wxnetwork.client.WxClient}, mapped with
 * Spring's own {@code @HttpExchange} family so that a Spring user learns nothing new, and carried out
 * by wx-network's templates so that limits, metrics and the actuator listing apply unchanged.
 *
 * <h2>Finding clients</h2>
 * Interfaces under the {@code @SpringBootApplication} package are registered without set-up;
 * {@link io.github.wxnetwork.client.EnableWxClients} names packages or classes instead and switches that
 * scan off. Each client is a bean named after the interface's full name.
 *
 * <h2>Mapping rules</h2>
 * <ul>
 * <li>URL: the method's {@code @XxxExchange} URL when absolute; otherwise appended to the interface's
 * {@code @HttpExchange} URL, itself appended to the client's base URL
 * ({@code wx.network.clients.<name>.url}, else {@code @WxClient(url)}). {@code ${...}} placeholders are
 * resolved at start-up; {@code {name}} variables come from {@code @PathVariable} arguments.</li>
 * <li>Method: the method's annotation, else the interface's {@code @HttpExchange(method)}. OPTIONS, GET,
 * HEAD, POST, PUT, DELETE and TRACE are WeChat's; <b>PATCH is refused at start-up</b> (WeChat has no
 * PATCH, and a client that sent one would promise what a mini program cannot do), as is CONNECT.</li>
 * <li>{@code @RequestParam} (a value, a collection, or a {@code Map} of them): query pairs, encoded as
 * {@code encodeURIComponent}; the form body instead when the mapping's content type is
 * {@code application/x-www-form-urlencoded}.</li>
 * <li>{@code @RequestHeader} (a value, a collection joined with {@code ,}, or a {@code Map}): headers,
 * winning over the mapping's {@code headers}/{@code contentType}/{@code accept}, which win over
 * {@code wx.network.clients.<name>.default-headers}.</li>
 * <li>{@code @RequestBody}: the request's {@code data} (at most one, and not together with form
 * parameters).</li>
 * <li>{@code @RequestPart} of type {@code Path} or {@code File}: the method is an {@code uploadFile}
 * of that file under the part's name (POST only); other parts become {@code formData} (text as text,
 * objects as JSON).</li>
 * <li>{@link io.github.wxnetwork.client.WxFilePath}: the method is a {@code downloadFile} (GET only)
 * stored at that path.</li>
 * <li>{@link io.github.wxnetwork.client.WxOptions}: dataType, responseType and timeout.</li>
 * </ul>
 *
 * <h2>Return types</h2>
 * A plain type {@code T} (the data decoded with the application's JSON mapper, generic types included;
 * blocking), {@code String} (the body as text), {@code byte[]} (the raw body), {@code void} (blocking),
 * {@code RequestSuccess} / {@code UploadSuccess} / {@code DownloadSuccess} (blocking),
 * {@code CompletableFuture} of any of these, {@code RequestTask}, {@code UploadTask}, {@code DownloadTask},
 * and {@code Path} (where a download was stored). A blocking call that fails throws the task's
 * {@link io.github.wxnetwork.WxNetworkException}; as in WeChat, a 4xx or 5xx reply is not a failure, so a
 * method that must see the status returns {@code RequestSuccess}.
 *
 * <h2>Start-up</h2>
 * Every method is mapped once when the application starts, into an invoker the proxy finds with one map
 * look-up; a method that cannot be mapped stops the start-up with a
 * {@link io.github.wxnetwork.client.WxClientDefinitionException} naming the interface and the method.
 * {@code default} methods run their own code; {@code toString} names the client, {@code equals} and
 * {@code hashCode} are identity.
 */
package io.github.wxnetwork.client;
