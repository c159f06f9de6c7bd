package dev.kiln.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.models.embed.Embedder;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * KilnEmbeddingModel against LangChain4j's own in-process all-MiniLM-L6-v2 (ONNX Runtime + DJL's
 * Rust tokenizer) on 204 seeded texts, 24 of them 511-2000 word pieces long: cosine of every
 * pair, token usage, and the nearest neighbour of 40 queries in an InMemoryEmbeddingStore.
 */
class LangChain4jAgreementTest {
    static final double MIN_COSINE = 0.99999;

    @Test
    void agreesWithLangChain4jsOrtModelOnEveryTextAndPicksTheSameNeighbours() {
        TestTexts gen = new TestTexts(14);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 180; i++) texts.add(gen.text(1 + gen.nextInt(i < 120 ? 30 : 120)));
        for (int i = 0; i < 24; i++) texts.add(gen.textOfTokens(511, 2000));
        List<TextSegment> docs = texts.stream().map(TextSegment::from).toList();
        List<TextSegment> queries = new ArrayList<>();
        for (int i = 0; i < 40; i++) queries.add(TextSegment.from(gen.perturb(texts.get(gen.nextInt(texts.size())))));

        EmbeddingModel reference = new AllMiniLmL6V2EmbeddingModel();
        KilnEmbeddingModel kiln = KilnEmbeddingModel.allMiniLmL6V2();
        Response<List<Embedding>> ref = reference.embedAll(docs);
        Response<List<Embedding>> ours = kiln.embedAll(docs);

        assertEquals(ref.tokenUsage().inputTokenCount(), ours.tokenUsage().inputTokenCount(), "token usage");
        double min = 1;
        int worst = -1;
        for (int i = 0; i < texts.size(); i++) {
            double c = Embedder.cosine(ref.content().get(i).vector(), ours.content().get(i).vector());
            if (c < min) {
                min = c;
                worst = i;
            }
        }
        System.out.printf("LangChain4j agreement: %d texts (24 of 511-2000 tokens), min cosine 1 - %.1e (text %d)%n",
                texts.size(), 1 - min, worst);
        assertTrue(min >= MIN_COSINE, "min cosine " + min + " on text " + worst + ": " + texts.get(Math.max(worst, 0)));

        InMemoryEmbeddingStore<TextSegment> refStore = new InMemoryEmbeddingStore<>();
        InMemoryEmbeddingStore<TextSegment> ourStore = new InMemoryEmbeddingStore<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) ids.add("doc" + i);
        refStore.addAll(ids, ref.content(), docs);
        ourStore.addAll(ids, ours.content(), docs);
        List<Embedding> refQueries = reference.embedAll(queries).content();
        List<Embedding> ourQueries = kiln.embedAll(queries).content();
        for (int q = 0; q < queries.size(); q++) {
            String a = refStore.search(request(refQueries.get(q))).matches().get(0).embeddingId();
            String b = ourStore.search(request(ourQueries.get(q))).matches().get(0).embeddingId();
            assertEquals(a, b, "nearest neighbour of query " + q + ": " + queries.get(q).text());
        }
    }

    private static EmbeddingSearchRequest request(Embedding query) {
        return EmbeddingSearchRequest.builder().queryEmbedding(query).maxResults(1).build();
    }
}
