/**
 * Declarative clients: interfaces annotated {@link io.github.wxnetwork.client.WxClient}, proxied by
 * Spring Framework's own {@code HttpServiceProxyFactory}, so every mapping rule (URL joining,
 * {@code ${...}} placeholders, argument resolvers, {@code Optional}, default values, default methods) is
 * Spring's, and carried out by wx-network's templates, so limits, metrics and the actuator listing apply.
 *
 * <p>What wx-network adds: queries encoded with {@code encodeURIComponent}; WeChat's refusals at start-up
 * (PATCH, CONNECT, an unmappable method, each naming the interface and the method); a file
 * {@code @RequestPart} ({@code Path}, {@code File}) makes the method an {@code uploadFile} and a
 * {@link io.github.wxnetwork.client.WxFilePath} a {@code downloadFile};
 * {@link io.github.wxnetwork.client.WxOptions} sets dataType, responseType, timeout and WeChat's switches.
 *
 * <p>Return types: a plain type (the data, decoded with the application's JSON mapper),
 * {@code ResponseEntity<T>}, {@code HttpHeaders}, {@code void}, {@code Optional} of these, and
 * {@code CompletableFuture} of these: on a status of 400 or more they throw (or complete exceptionally
 * with) Spring's {@code HttpClientErrorException} / {@code HttpServerErrorException}, unless
 * {@code wx.network.clients.<name>.throw-on-error-status=false}. {@code RequestSuccess} (and its upload
 * and download kin), {@code RequestTask}, {@code UploadTask} and {@code DownloadTask} keep WeChat's rule:
 * any status is a success. A download's data is the stored {@code Path}. Network failures are
 * {@link io.github.wxnetwork.WxNetworkException}s.
 *
 * <p>Interfaces under the {@code @SpringBootApplication} package are registered without set-up;
 * {@link io.github.wxnetwork.client.EnableWxClients} names packages or classes instead and switches that
 * scan off; {@code @Lazy} on an interface defers its mapping to first use.
 */
package io.github.wxnetwork.client;
