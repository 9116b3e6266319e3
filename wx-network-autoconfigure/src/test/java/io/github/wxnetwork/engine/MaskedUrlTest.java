package io.github.wxnetwork.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What ops may see of a task's URL: names and path, never query values, credentials or fragments. */
class MaskedUrlTest {

	@Test
	void userinfoIsMasked() {
		assertThat(MaskedUrl.of("https://alice:s3cr3t@api.example.com/items"))
			.isEqualTo("https://***@api.example.com/items");
		assertThat(MaskedUrl.of("https://alice@api.example.com/items")).isEqualTo("https://***@api.example.com/items");
		assertThat(MaskedUrl.of("https://:s3cr3t@api.example.com/items"))
			.isEqualTo("https://***@api.example.com/items");
	}

	@Test
	void queryValuesAreMaskedAndNamesKept() {
		assertThat(MaskedUrl.of("https://h.example/p?token=secret&x=1&x=2&empty="))
			.isEqualTo("https://h.example/p?token=***&x=***&x=***&empty=***");
	}

	@Test
	void encodedQueryValuesAreMaskedToo() {
		String masked = MaskedUrl.of("https://h.example/p?sig=a%2Fb%3Dc%26d&next=%2Fhome%3Fk%3Dv");
		assertThat(masked).isEqualTo("https://h.example/p?sig=***&next=***");
		assertThat(masked).doesNotContain("%2F", "home", "a/b");
	}

	@Test
	void parameterWithoutValueKeepsItsName() {
		assertThat(MaskedUrl.of("https://h.example/p?debug&token=t")).isEqualTo("https://h.example/p?debug&token=***");
	}

	@Test
	void fragmentIsDropped() {
		assertThat(MaskedUrl.of("https://h.example/p?a=1#access_token=secret"))
			.isEqualTo("https://h.example/p?a=***");
		assertThat(MaskedUrl.of("https://h.example/p#secret")).isEqualTo("https://h.example/p");
	}

	@Test
	void urlWithoutQueryKeepsPathAndPort() {
		assertThat(MaskedUrl.of("http://127.0.0.1:8080/files/a%20b.png")).isEqualTo("http://127.0.0.1:8080/files/a%20b.png");
		assertThat(MaskedUrl.of("https://h.example")).isEqualTo("https://h.example/");
		// An empty query stays visibly empty: nothing to mask.
		assertThat(MaskedUrl.of("https://h.example/p?")).isEqualTo("https://h.example/p?");
	}

	@Test
	void defaultPortIsOmittedAndOtherPortsKept() {
		assertThat(MaskedUrl.of("https://h.example:443/p")).isEqualTo("https://h.example/p");
		assertThat(MaskedUrl.of("http://h.example:80/p")).isEqualTo("http://h.example/p");
		assertThat(MaskedUrl.of("https://h.example:80/p")).isEqualTo("https://h.example:80/p");
	}

	@Test
	void ipv6HostKeepsItsBrackets() {
		assertThat(MaskedUrl.of("http://[::1]:8080/p?k=v")).isEqualTo("http://[::1]:8080/p?k=***");
		assertThat(MaskedUrl.of("https://u:p@[2001:db8::7]/x")).isEqualTo("https://***@[2001:db8::7]/x");
	}

	@Test
	void invalidUrlShowsNothingOfIt() {
		assertThat(MaskedUrl.of("not a url?token=secret")).isEqualTo("(invalid url)");
		assertThat(MaskedUrl.of("ftp://user:secret@h.example/f")).isEqualTo("(invalid url)");
		assertThat(MaskedUrl.of("")).isEqualTo("(invalid url)");
		assertThat(MaskedUrl.of((String) null)).isEqualTo("(invalid url)");
	}

	@Test
	void aMalformedUrlIsStillMaskedLenientlyAsText() {
		assertThat(MaskedUrl.lenient("ftp://user:secret@h.example/f?key=secret&flag#frag"))
			.isEqualTo("ftp://***@h.example/f?key=***&flag");
		assertThat(MaskedUrl.lenient("not a url?token=secret")).isEqualTo("not a url?token=***");
		assertThat(MaskedUrl.lenient("h.example/p@home")).as("any @ may end userinfo: masked to the last")
			.isEqualTo("***@home");
		assertThat(MaskedUrl.lenient("https://u:p@ss@host:99999/x")).isEqualTo("https://***@host:99999/x");
		assertThat(MaskedUrl.lenient("https://u:pa/ss@host:99999/x")).isEqualTo("https://***@host:99999/x");
		assertThat(MaskedUrl.lenient("user:pw@host/p?a=1&b")).isEqualTo("***@host/p?a=***&b");
		assertThat(MaskedUrl.lenient("https://u:p@h.example/x?a=1")).isEqualTo("https://***@h.example/x?a=***");
	}

	@Test
	void hostIsShownInCanonicalForm() {
		assertThat(MaskedUrl.of("  HTTPS://API.Example.COM/Items?Q=1  ")).isEqualTo("https://api.example.com/Items?Q=***");
	}

}
