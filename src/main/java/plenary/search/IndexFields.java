package plenary.search;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;

import java.util.Set;

/** The index's fields and the mapping between an {@link Entry} and a Lucene document. */
final class IndexFields {
    static final String KEY = "key";
    static final String KIND = "kind";
    static final String DOCUMENT = "document";
    static final String MEETING = "meeting";
    static final String TITLE = "title";
    static final String CLAUSE = "clause";
    static final String NUMBER = "number";
    static final String TARGET = "target";
    static final String LABEL = "label";
    static final String TEXT = "text";
    static final String READER = "reader";
    /** The marker of a document: which revision and negotiation entry the index has seen. */
    static final String MARKER = "marker";
    static final String REVISION = "revision";
    static final String SEQ = "seq";
    /** On a marker: the {@link Entries#RULE} its document's entries were written under. */
    static final String RULE = "rule";

    /** Text with positions and offsets, stored: phrase queries and highlighted snippets need all three. */
    private static final FieldType TEXT_TYPE = new FieldType();

    static {
        TEXT_TYPE.setTokenized(true);
        TEXT_TYPE.setStored(true);
        TEXT_TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        TEXT_TYPE.freeze();
    }

    private IndexFields() {
    }

    static Document toLucene(Entry entry) {
        Document doc = new Document();
        doc.add(new StringField(KEY, entry.key(), Field.Store.YES));
        doc.add(new StringField(KIND, entry.kind().wireName(), Field.Store.YES));
        doc.add(new StringField(DOCUMENT, entry.documentId(), Field.Store.YES));
        doc.add(new StringField(MEETING, entry.meetingId(), Field.Store.YES));
        doc.add(new StoredField(TITLE, entry.documentTitle() == null ? "" : entry.documentTitle()));
        if (entry.clauseId() != null) {
            doc.add(new StringField(CLAUSE, entry.clauseId(), Field.Store.YES));
        }
        if (entry.number() != null) {
            doc.add(new StoredField(NUMBER, entry.number()));
        }
        if (entry.targetId() != null) {
            doc.add(new StringField(TARGET, entry.targetId(), Field.Store.YES));
        }
        if (entry.label() != null) {
            doc.add(new StoredField(LABEL, entry.label()));
        }
        doc.add(new Field(TEXT, entry.text(), TEXT_TYPE));
        for (String reader : entry.readers()) {
            doc.add(new StringField(READER, reader, Field.Store.NO));
        }
        return doc;
    }

    static Entry fromLucene(Document doc) {
        return new Entry(doc.get(KEY), SearchKind.fromWireName(doc.get(KIND)).orElseThrow(), doc.get(DOCUMENT),
                doc.get(MEETING), doc.get(TITLE), doc.get(CLAUSE), doc.get(NUMBER), doc.get(TARGET), doc.get(LABEL),
                doc.get(TEXT), Set.of());
    }

    static Document marker(String documentId, long revision, long seq) {
        Document doc = new Document();
        doc.add(new StringField(KEY, MARKER + ":" + documentId, Field.Store.YES));
        doc.add(new StringField(KIND, MARKER, Field.Store.YES));
        doc.add(new StringField(DOCUMENT, documentId, Field.Store.YES));
        doc.add(new StoredField(REVISION, revision));
        doc.add(new StoredField(SEQ, seq));
        doc.add(new StoredField(RULE, Entries.RULE));
        doc.add(new LongPoint(REVISION, revision));
        return doc;
    }
}
