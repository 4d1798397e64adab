package io.mortar.crawler.format;

import io.mortar.crawler.schema.Column;
import io.mortar.crawler.schema.GlueType;
import io.mortar.crawler.schema.SchemaMerger;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * XML classification: each element named by the row tag is a record. Its attributes become columns prefixed with
 * {@code _} (as Glue's and spark-xml's readers name them), child elements become columns — text values typed like
 * CSV cells, nested elements {@code struct<…>}, repeated elements {@code array<…>}. The built-in classifier (no row
 * tag) takes the repeated child element of the root as the row. DTDs and external entities are never resolved.
 */
public final class XmlInference {
    public record Result(String rowTag, List<Column> columns, int records) {
    }

    private final ValueTyper typer;

    public XmlInference(ValueTyper typer) {
        this.typer = typer;
    }

    public Optional<Result> infer(TextSample sample, String rowTag, int maxRecords) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        GlueType merged = null;
        int records = 0;
        String tag = rowTag;
        boolean sawRoot = false;
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(sample.bytes()));
            int depth = 0;
            while (reader.hasNext() && records < maxRecords) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    sawRoot = true;
                    String name = reader.getLocalName();
                    if (tag == null && depth == 2) {
                        tag = name;
                    }
                    if (name.equals(tag)) {
                        merged = mergeXml(merged, readElement(reader));
                        records++;
                        depth--;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        } catch (XMLStreamException e) {
            if (!sample.truncated() || records == 0) {
                return Optional.empty();
            }
        }
        if (!sawRoot) {
            return Optional.empty();
        }
        if (!(merged instanceof GlueType.Struct struct)) {
            // well-formed XML whose rows are plain text or absent: classified, but no columns to give
            return Optional.of(new Result(tag, List.of(), records));
        }
        return Optional.of(new Result(tag, struct.columns(), records));
    }

    /** Reads the element the reader is on through its end tag; a struct, or the type of its text if it is a leaf. */
    private GlueType readElement(XMLStreamReader reader) throws XMLStreamException {
        Map<String, GlueType> fields = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String name = "_" + reader.getAttributeLocalName(i).toLowerCase(Locale.ROOT);
            fields.put(name, orString(typer.type(reader.getAttributeValue(i).trim())));
        }
        StringBuilder text = new StringBuilder();
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = reader.getLocalName().toLowerCase(Locale.ROOT);
                GlueType child = readElement(reader);
                counts.merge(name, 1, Integer::sum);
                fields.merge(name, child, XmlInference::mergeXml);
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                text.append(reader.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                break;
            }
        }
        if (fields.isEmpty()) {
            return orString(typer.type(text.toString().trim()));
        }
        List<GlueType.Field> out = new ArrayList<>();
        fields.forEach((name, type) -> out.add(new GlueType.Field(name,
                counts.getOrDefault(name, 1) > 1 ? new GlueType.Array(type) : type)));
        return new GlueType.Struct(out);
    }

    /**
     * XML's merge: an element that repeats in one row and not in another is still an array (of the merged
     * element); structs merge field by field the same way; everything else widens as elsewhere.
     */
    static GlueType mergeXml(GlueType a, GlueType b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (a instanceof GlueType.Array aa && !(b instanceof GlueType.Array)) {
            return new GlueType.Array(mergeXml(aa.element(), b));
        }
        if (b instanceof GlueType.Array ab && !(a instanceof GlueType.Array)) {
            return new GlueType.Array(mergeXml(a, ab.element()));
        }
        if (a instanceof GlueType.Array aa && b instanceof GlueType.Array ab) {
            return new GlueType.Array(mergeXml(aa.element(), ab.element()));
        }
        if (a instanceof GlueType.Struct sa && b instanceof GlueType.Struct sb) {
            return new GlueType.Struct(SchemaMerger.mergeFields(sa.fields(), sb.fields(), XmlInference::mergeXml));
        }
        return SchemaMerger.merge(a, b);
    }

    private static GlueType orString(GlueType t) {
        return t == null ? GlueType.STRING : t;
    }
}
