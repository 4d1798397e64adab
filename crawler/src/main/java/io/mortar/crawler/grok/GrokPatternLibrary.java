package io.mortar.crawler.grok;

import java.util.LinkedHashMap;
import java.util.Map;

/** Logstash's grok built-in patterns that Glue's Grok classifiers accept (a representative set). */
final class GrokPatternLibrary {
    static final Map<String, String> BUILT_INS = new LinkedHashMap<>();

    static {
        put("USERNAME", "[a-zA-Z0-9._-]+");
        put("USER", "%{USERNAME}");
        put("EMAILLOCALPART", "[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+)*");
        put("EMAILADDRESS", "%{EMAILLOCALPART}@%{HOSTNAME}");
        put("INT", "(?:[+-]?(?:[0-9]+))");
        put("BASE10NUM", "(?<![0-9.+-])(?>[+-]?(?:(?:[0-9]+(?:\\.[0-9]+)?)|(?:\\.[0-9]+)))");
        put("NUMBER", "(?:%{BASE10NUM})");
        put("BASE16NUM", "(?<![0-9A-Fa-f])(?:[+-]?(?:0x)?(?:[0-9A-Fa-f]+))");
        put("POSINT", "\\b(?:[1-9][0-9]*)\\b");
        put("NONNEGINT", "\\b(?:[0-9]+)\\b");
        put("WORD", "\\b\\w+\\b");
        put("NOTSPACE", "\\S+");
        put("SPACE", "\\s*");
        put("DATA", ".*?");
        put("GREEDYDATA", ".*");
        put("QUOTEDSTRING", "(?>(?<!\\\\)(?>\"(?>\\\\.|[^\\\\\"]+)+\"|\"\"|(?>'(?>\\\\.|[^\\\\']+)+')|''"
                + "|(?>`(?>\\\\.|[^\\\\`]+)+`)|``))");
        put("QS", "%{QUOTEDSTRING}");
        put("UUID", "[A-Fa-f0-9]{8}-(?:[A-Fa-f0-9]{4}-){3}[A-Fa-f0-9]{12}");
        put("MAC", "(?:(?:[A-Fa-f0-9]{2}[:-]){5}[A-Fa-f0-9]{2}|(?:[A-Fa-f0-9]{4}\\.){2}[A-Fa-f0-9]{4})");
        put("IPV6", "(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}:){1,7}:"
                + "|(?:[0-9A-Fa-f]{1,4}:){1,6}:[0-9A-Fa-f]{1,4}|::(?:[0-9A-Fa-f]{1,4}:){0,5}[0-9A-Fa-f]{1,4}"
                + "|(?:[0-9A-Fa-f]{1,4}:){1,5}(?::[0-9A-Fa-f]{1,4}){1,2}|::)");
        put("IPV4", "(?<![0-9])(?:(?:25[0-5]|2[0-4][0-9]|[0-1]?[0-9]{1,2})[.](?:25[0-5]|2[0-4][0-9]|[0-1]?[0-9]{1,2})"
                + "[.](?:25[0-5]|2[0-4][0-9]|[0-1]?[0-9]{1,2})[.](?:25[0-5]|2[0-4][0-9]|[0-1]?[0-9]{1,2}))(?![0-9])");
        put("IP", "(?:%{IPV6}|%{IPV4})");
        put("HOSTNAME", "\\b(?:[0-9A-Za-z][0-9A-Za-z-]{0,62})(?:\\.(?:[0-9A-Za-z][0-9A-Za-z-]{0,62}))*(?:\\.?|\\b)");
        put("HOST", "%{HOSTNAME}");
        put("IPORHOST", "(?:%{IP}|%{HOSTNAME})");
        put("HOSTPORT", "%{IPORHOST}:%{POSINT}");
        put("PATH", "(?:%{UNIXPATH}|%{WINPATH})");
        put("UNIXPATH", "(?>/(?>[\\w_%!$@:.,-]+|\\\\.)*)+");
        put("WINPATH", "(?>[A-Za-z]+:|\\\\)(?:\\\\[^\\\\?*]*)+");
        put("URIPROTO", "[A-Za-z]+(?:\\+[A-Za-z+]+)?");
        put("URIHOST", "%{IPORHOST}(?::%{POSINT})?");
        put("URIPATH", "(?:/[A-Za-z0-9$.+!*'(){},~:;=@#%_\\-]*)+");
        put("URIPARAM", "\\?[A-Za-z0-9$.+!*'|(){},~@#%&/=:;_?\\-\\[\\]<>]*");
        put("URIPATHPARAM", "%{URIPATH}(?:%{URIPARAM})?");
        put("URI", "%{URIPROTO}://(?:%{USER}(?::[^@]*)?@)?(?:%{URIHOST})?(?:%{URIPATHPARAM})?");
        put("MONTH", "\\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|Jun(?:e)?|Jul(?:y)?|Aug(?:ust)?"
                + "|Sep(?:tember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\b");
        put("MONTHNUM", "(?:0?[1-9]|1[0-2])");
        put("MONTHDAY", "(?:(?:0[1-9])|(?:[12][0-9])|(?:3[01])|[1-9])");
        put("DAY", "(?:Mon(?:day)?|Tue(?:sday)?|Wed(?:nesday)?|Thu(?:rsday)?|Fri(?:day)?|Sat(?:urday)?"
                + "|Sun(?:day)?)");
        put("YEAR", "(?>\\d\\d){1,2}");
        put("HOUR", "(?:2[0123]|[01]?[0-9])");
        put("MINUTE", "(?:[0-5][0-9])");
        put("SECOND", "(?:(?:[0-5]?[0-9]|60)(?:[:.,][0-9]+)?)");
        put("TIME", "(?<![0-9])%{HOUR}:%{MINUTE}(?::%{SECOND})(?![0-9])");
        put("DATE_US", "%{MONTHNUM}[/-]%{MONTHDAY}[/-]%{YEAR}");
        put("DATE_EU", "%{MONTHDAY}[./-]%{MONTHNUM}[./-]%{YEAR}");
        put("DATE", "%{DATE_US}|%{DATE_EU}");
        put("DATESTAMP", "%{DATE}[- ]%{TIME}");
        put("ISO8601_TIMEZONE", "(?:Z|[+-]%{HOUR}(?::?%{MINUTE}))");
        put("ISO8601_SECOND", "(?:%{SECOND}|60)");
        put("TIMESTAMP_ISO8601", "%{YEAR}-%{MONTHNUM}-%{MONTHDAY}[T ]%{HOUR}:?%{MINUTE}(?::?%{SECOND})?"
                + "%{ISO8601_TIMEZONE}?");
        put("SYSLOGTIMESTAMP", "%{MONTH} +%{MONTHDAY} %{TIME}");
        put("HTTPDATE", "%{MONTHDAY}/%{MONTH}/%{YEAR}:%{TIME} %{INT}");
        put("LOGLEVEL", "(?:[Aa]lert|ALERT|[Tt]race|TRACE|[Dd]ebug|DEBUG|[Nn]otice|NOTICE|[Ii]nfo|INFO|[Ww]arn?(?:ing)?"
                + "|WARN?(?:ING)?|[Ee]rr?(?:or)?|ERR?(?:OR)?|[Cc]rit?(?:ical)?|CRIT?(?:ICAL)?|[Ff]atal|FATAL"
                + "|[Ss]evere|SEVERE|EMERG(?:ENCY)?|[Ee]merg(?:ency)?)");
        put("HTTPDUSER", "%{EMAILADDRESS}|%{USER}");
        put("COMMONAPACHELOG", "%{IPORHOST:clientip} %{HTTPDUSER:ident} %{USER:auth} \\[%{HTTPDATE:timestamp}\\] "
                + "\"(?:%{WORD:verb} %{NOTSPACE:request}(?: HTTP/%{NUMBER:httpversion})?|%{DATA:rawrequest})\" "
                + "%{NUMBER:response} (?:%{NUMBER:bytes}|-)");
        put("COMBINEDAPACHELOG", "%{COMMONAPACHELOG} %{QS:referrer} %{QS:agent}");
    }

    private static void put(String name, String regex) {
        BUILT_INS.put(name, regex);
    }

    private GrokPatternLibrary() {
    }
}
