package io.github.wxnetwork.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter ({@code Path}, {@code File} or {@code String}) that is the {@code filePath} of a
 * download: where the file is stored. It also makes the method a download whatever it returns. A null
 * argument, or no such parameter, stores the file under {@code wx.network.temp-dir}
 * ({@code tempFilePath}), as WeChat does.
 *
 * <p>Spring has no annotation for "the target file of a download", hence this one.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WxFilePath {

}
