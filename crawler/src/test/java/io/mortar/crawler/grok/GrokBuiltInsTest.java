package io.mortar.crawler.grok;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Glue's built-in Grok patterns: all of them compile, and the common ones capture what a log line holds. */
class GrokBuiltInsTest {
    /** Every name in the built-in list of Glue's "Writing custom classifiers" page. */
    private static final List<String> GLUE_DOCUMENTED = List.of("USERNAME", "USER", "INT", "BASE10NUM", "NUMBER",
            "BASE16NUM", "BASE16FLOAT", "BOOLEAN", "POSINT", "NONNEGINT", "WORD", "NOTSPACE", "SPACE", "DATA",
            "GREEDYDATA", "QUOTEDSTRING", "UUID", "MAC", "CISCOMAC", "WINDOWSMAC", "COMMONMAC", "IPV6", "IPV4", "IP",
            "HOSTNAME", "HOST", "IPORHOST", "HOSTPORT", "PATH", "UNIXPATH", "TTY", "WINPATH", "URIPROTO", "URIHOST",
            "URIPATH", "URIPARAM", "URIPATHPARAM", "URI", "MONTH", "MONTHNUM", "MONTHNUM2", "MONTHDAY", "DAY", "YEAR",
            "HOUR", "MINUTE", "SECOND", "TIME", "DATE_US", "DATE_EU", "DATESTAMP_US", "DATESTAMP_EU",
            "ISO8601_TIMEZONE", "ISO8601_SECOND", "TIMESTAMP_ISO8601", "TZ", "DATESTAMP_RFC822", "DATESTAMP_RFC2822",
            "DATESTAMP_OTHER", "DATESTAMP_EVENTLOG", "CISCOTIMESTAMP", "SYSLOGTIMESTAMP", "PROG", "SYSLOGPROG",
            "SYSLOGHOST", "SYSLOGFACILITY", "HTTPDATE", "QS", "SYSLOGBASE", "MESSAGESLOG", "COMMONAPACHELOG",
            "COMBINEDAPACHELOG", "COMMONAPACHELOG_DATATYPED", "LOGLEVEL");

    @Test
    void everyBuiltInIsThereAndCompilesUnderJavaRegex() {
        assertThat(GrokPatternLibrary.BUILT_INS).containsKeys(GLUE_DOCUMENTED.toArray(String[]::new));
        Map<String, String> failures = new TreeMap<>();
        for (String name : GrokPatternLibrary.BUILT_INS.keySet()) {
            try {
                GrokPattern p = GrokPattern.compile("%{" + name + ":whole}", null);
                assertThat(p.columns().get(0).name()).as(name).isEqualTo("whole");
                assertThat(p.columns()).as(name).noneMatch(c -> c.name().equalsIgnoreCase("unwanted"));
            } catch (RuntimeException e) {
                failures.put(name, e.getMessage());
            }
        }
        assertThat(failures).isEmpty();
        assertThat(GrokPatternLibrary.BUILT_INS.size()).isGreaterThanOrEqualTo(GLUE_DOCUMENTED.size());
    }

    @Test
    void combinedApacheLog() {
        GrokPattern p = GrokPattern.compile("%{COMBINEDAPACHELOG}", null);
        assertThat(p.columns().stream().map(c -> c.name() + ":" + c.typeName())).containsExactly("clientip:string",
                "ident:string", "auth:string", "timestamp:string", "verb:string", "request:string",
                "httpversion:string", "rawrequest:string", "response:string", "bytes:string", "referrer:string",
                "agent:string");
        assertThat(p.parse("127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif?x=1 HTTP/1.0\" 200"
                + " 2326 \"http://www.example.com/start.html\" \"Mozilla/4.08 [en] (Win98; I ;Nav)\""))
                .hasValue(values("clientip", "127.0.0.1", "ident", "-", "auth", "frank",
                        "timestamp", "10/Oct/2000:13:55:36 -0700", "verb", "GET", "request", "/apache_pb.gif?x=1",
                        "httpversion", "1.0", "response", "200", "bytes", "2326",
                        "referrer", "\"http://www.example.com/start.html\"",
                        "agent", "\"Mozilla/4.08 [en] (Win98; I ;Nav)\""));
    }

    @Test
    void commonApacheLogWithIpv6ClientDashBytesAndRawRequest() {
        GrokPattern p = GrokPattern.compile("%{COMMONAPACHELOG}", null);
        // Glue's COMMONAPACHELOG captures the dash itself as bytes
        assertThat(p.parse("2001:db8::ff00:42:8329 - - [01/Mar/2024:09:05:01 +0000] \"POST /login HTTP/1.1\" 302 -"))
                .hasValue(values("clientip", "2001:db8::ff00:42:8329", "ident", "-", "auth", "-",
                        "timestamp", "01/Mar/2024:09:05:01 +0000", "verb", "POST", "request", "/login",
                        "httpversion", "1.1", "response", "302", "bytes", "-"));
        assertThat(p.parse("api.example.com - - [01/Mar/2024:09:05:02 +0000] \"-\" 400 0"))
                .hasValue(values("clientip", "api.example.com", "ident", "-", "auth", "-",
                        "timestamp", "01/Mar/2024:09:05:02 +0000", "rawrequest", "-", "response", "400",
                        "bytes", "0"));
    }

    @Test
    void syslog() {
        GrokPattern p = GrokPattern.compile("%{SYSLOGBASE} %{GREEDYDATA:message}", null);
        assertThat(p.columns().stream().map(c -> c.name())).containsExactly("timestamp", "facility", "priority",
                "logsource", "program", "pid", "message");
        assertThat(p.parse("Mar  7 04:02:16 web-01 sshd[1234]: Accepted publickey for deploy from 10.0.0.5"))
                .hasValue(values("timestamp", "Mar  7 04:02:16", "logsource", "web-01", "program", "sshd",
                        "pid", "1234", "message", "Accepted publickey for deploy from 10.0.0.5"));
        // Glue's host names may hold underscores; the facility is optional
        assertThat(p.parse("Dec 31 23:59:60 <4.6> host_2.lan CRON[77]: (root) CMD (run-parts /etc/cron.hourly)"))
                .hasValue(values("timestamp", "Dec 31 23:59:60", "facility", "4", "priority", "6",
                        "logsource", "host_2.lan", "program", "CRON", "pid", "77",
                        "message", "(root) CMD (run-parts /etc/cron.hourly)"));
        assertThat(p.matches("2024-03-07 04:02:16 web-01 sshd[1234]: x")).isFalse();
    }

    @Test
    void isoTimestamps() {
        GrokPattern p = GrokPattern.compile("%{TIMESTAMP_ISO8601:ts}", null);
        for (String ts : List.of("2024-03-01T10:00:00.123+05:30", "2024-03-01 10:00:00Z", "2024-03-01T10:00Z",
                "2024-03-01T23:59:59,999-0800", "2024-03-01T10:00:00")) {
            assertThat(p.parse(ts)).as(ts).hasValue(Map.of("ts", ts));
        }
        assertThat(p.matches("2024-13-01T10:00:00Z")).isFalse();
        assertThat(p.matches("2024-03-01T24:00:00Z")).isFalse();
        GrokPattern parts = GrokPattern.compile(
                "%{YEAR:y}-%{MONTHNUM:m}-%{MONTHDAY:d}T%{HOUR:h}:%{MINUTE:min}:%{SECOND:s}%{ISO8601_TIMEZONE:tz}", null);
        assertThat(parts.parse("2024-03-01T10:05:59.5+05:30")).hasValue(values("y", "2024", "m", "03", "d", "01",
                "h", "10", "min", "05", "s", "59.5", "tz", "+05:30"));
    }

    @Test
    void ipAddresses() {
        GrokPattern p = GrokPattern.compile("%{IPV4:v4} %{IPV6:v6} %{IP:any}", null);
        assertThat(p.parse("192.168.1.254 fe80::1ff:fe23:4567:890a ::1"))
                .hasValue(values("v4", "192.168.1.254", "v6", "fe80::1ff:fe23:4567:890a", "any", "::1"));
        assertThat(p.parse("10.0.0.1 2001:0db8:85a3:0000:0000:8a2e:0370:7334 8.8.8.8")).hasValue(values("v4",
                "10.0.0.1", "v6", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "any", "8.8.8.8"));
        assertThat(p.parse("10.0.0.1 ::ffff:192.0.2.128 10.0.0.2"))
                .hasValue(values("v4", "10.0.0.1", "v6", "::ffff:192.0.2.128", "any", "10.0.0.2"));
        assertThat(p.matches("256.1.1.1 ::1 ::1")).isFalse();
        assertThat(p.matches("10.0.0.1 12345::1 ::1")).isFalse();
        assertThat(GrokPattern.compile("%{HOSTPORT:hp}", null).parse("db.internal:5432"))
                .hasValue(values("hp", "db.internal:5432", "port", "5432"));
    }

    @Test
    void uuidAndMac() {
        GrokPattern p = GrokPattern.compile("%{UUID:id} %{MAC:mac}", null);
        assertThat(p.parse("123e4567-e89b-12d3-a456-426614174000 00:1A:2B:3C:4D:5E"))
                .hasValue(values("id", "123e4567-e89b-12d3-a456-426614174000", "mac", "00:1A:2B:3C:4D:5E"));
        assertThat(p.parse("123E4567-E89B-12D3-A456-426614174000 0000.0c07.ac01")).hasValue(
                values("id", "123E4567-E89B-12D3-A456-426614174000", "mac", "0000.0c07.ac01"));
        assertThat(p.matches("123e4567-e89b-12d3-a456-42661417400 00:1A:2B:3C:4D:5E")).isFalse();
    }

    @Test
    void uriAndItsPort() {
        GrokPattern p = GrokPattern.compile("%{URI:url}", null);
        // URIHOST names its port: a column, as in Glue
        assertThat(p.columns().stream().map(c -> c.name())).containsExactly("url", "port");
        assertThat(p.parse("https://user:secret@example.com:8443/a/b.html?q=1&r=x%20y")).hasValue(
                values("url", "https://user:secret@example.com:8443/a/b.html?q=1&r=x%20y", "port", "8443"));
        assertThat(p.parse("svn+ssh://git.example.org/repo/trunk"))
                .hasValue(values("url", "svn+ssh://git.example.org/repo/trunk"));
        assertThat(p.matches("not a uri")).isFalse();
        assertThat(GrokPattern.compile("%{URIPATHPARAM:path} %{PATH:file}", null)
                .parse("/search?q=grok&page=2 /var/log/nginx/access.log"))
                .hasValue(values("path", "/search?q=grok&page=2", "file", "/var/log/nginx/access.log"));
    }

    @Test
    void numbersWithTypes() {
        GrokPattern p = GrokPattern.compile(
                "%{NUMBER:n:double} %{INT:i:int} %{BASE16NUM:h} %{POSINT:p:long} %{NONNEGINT:z:short}", null);
        assertThat(p.columns().stream().map(c -> c.name() + ":" + c.typeName())).containsExactly("n:double",
                "i:int", "h:string", "p:bigint", "z:smallint");
        assertThat(p.parse("-12.5 +42 0x1F 7 0")).hasValue(values("n", "-12.5", "i", "+42", "h", "0x1F", "p", "7",
                "z", "0"));
        assertThat(p.parse(".5 -3 ff 1200 00")).hasValue(values("n", ".5", "i", "-3", "h", "ff", "p", "1200",
                "z", "00"));
        assertThat(p.matches("-12.5 +42 0x1F 0 0")).as("POSINT is not 0").isFalse();
    }

    @Test
    void datesLevelsAndBooleans() {
        GrokPattern p = GrokPattern.compile(
                "\\[%{HTTPDATE:at}\\] %{DATESTAMP_US:us} %{LOGLEVEL:level} %{BOOLEAN:ok:boolean} %{QS:note}", null);
        assertThat(p.parse("[10/Oct/2000:13:55:36 -0700] 03/01/2024 10:00:00 WARNING TRUE \"a \\\"quoted\\\" word\""))
                .hasValue(values("at", "10/Oct/2000:13:55:36 -0700", "us", "03/01/2024 10:00:00", "level", "WARNING",
                        "ok", "TRUE", "note", "\"a \\\"quoted\\\" word\""));
        assertThat(p.parse("[1/Jan/2024:00:00:00 +0000] 12-31-23 23:59:59 err false 'x'")).hasValue(values(
                "at", "1/Jan/2024:00:00:00 +0000", "us", "12-31-23 23:59:59", "level", "err", "ok", "false",
                "note", "'x'"));
        assertThat(p.matches("[1/Jan/2024:00:00:00 +0000] 12-31-23 23:59:59 verbose false 'x'")).isFalse();
        assertThat(p.matches("[1/Jan/2024:00:00:00 +0000] 12-31-23 23:59:59 err maybe 'x'")).isFalse();
        assertThat(p.matches("[1/Jan/2024:00:00:00 +0000] 12-31-23 23:59:59 err true 'x")).isFalse();
    }

    @Test
    void datatypedApacheLogTypesItsColumns() {
        GrokPattern p = GrokPattern.compile("%{COMMONAPACHELOG_DATATYPED}", null);
        assertThat(p.columns().stream().map(c -> c.name() + ":" + c.typeName())).containsExactly("clientip:string",
                "ident:boolean", "auth:string", "timestamp:date", "verb:string", "request:string",
                "httpversion:float", "rawrequest:string", "response:int", "bytes:bigint");
        assertThat(p.parse("10.1.2.3 true - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/2.0\" 204 0")).hasValue(
                values("clientip", "10.1.2.3", "ident", "true", "auth", "-", "timestamp", "10/Oct/2000:13:55:36 -0700",
                        "verb", "GET", "request", "/", "httpversion", "2.0", "response", "204", "bytes", "0"));
    }

    private static Map<String, String> values(String... keysAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}
