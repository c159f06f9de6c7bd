package dev.kiln.springai;

import dev.kiln.importer.Kiln;
import dev.kiln.models.embed.Embedder;
import dev.kiln.models.text.WordPieceTokenizer;
import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.exec.SessionOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/**
 * Spring Boot auto-configuration: an {@link EmbeddingModel} bean backed by Kiln, set up from the
 * {@code kiln.embedding.*} properties ({@link KilnEmbeddingProperties}). It steps aside when the
 * application defines its own {@code EmbeddingModel} or sets {@code kiln.embedding.enabled=false}.
 */
@AutoConfiguration
@EnableConfigurationProperties(KilnEmbeddingProperties.class)
@ConditionalOnProperty(prefix = KilnEmbeddingProperties.PREFIX, name = "enabled", havingValue = "true", matchIfMissing = true)
public class KilnEmbeddingAutoConfiguration {
    /**
     * The embedding model the properties describe.
     *
     * @throws IllegalArgumentException when the properties name an unknown bundled model or only
     *     one of model-file and tokenizer-file
     * @throws UncheckedIOException when a file cannot be read
     */
    @Bean
    @ConditionalOnMissingBean(EmbeddingModel.class)
    public KilnEmbeddingModel kilnEmbeddingModel(KilnEmbeddingProperties properties) {
        SessionOptions options = SessionOptions.defaults();
        if (properties.getThreads() != null) options = options.withThreads(properties.getThreads());
        Resource modelFile = properties.getModelFile();
        Resource tokenizerFile = properties.getTokenizerFile();
        if ((modelFile == null) != (tokenizerFile == null)) {
            throw new IllegalArgumentException(KilnEmbeddingProperties.PREFIX
                    + ".model-file and .tokenizer-file must be set together");
        }
        Session session;
        WordPieceTokenizer tokenizer;
        String name;
        if (modelFile != null) {
            session = Kiln.load(read(modelFile), options);
            tokenizer = WordPieceTokenizer.fromJson(new String(read(tokenizerFile), StandardCharsets.UTF_8));
            name = modelFile.getFilename() == null ? "kiln" : modelFile.getFilename().replaceFirst("\\.onnx$", "");
        } else {
            String resource = switch (String.valueOf(properties.getModel())) {
                case KilnEmbeddingProperties.MINILM -> Embedder.MINILM_MODEL_RESOURCE;
                case KilnEmbeddingProperties.MINILM_QUANTIZED -> Embedder.MINILM_QUANTIZED_MODEL_RESOURCE;
                default -> throw new IllegalArgumentException(KilnEmbeddingProperties.PREFIX + ".model is '"
                        + properties.getModel() + "'; expected " + KilnEmbeddingProperties.MINILM + " or "
                        + KilnEmbeddingProperties.MINILM_QUANTIZED + ", or set model-file and tokenizer-file");
            };
            session = Kiln.load(read(new ClassPathResource(resource)), options);
            tokenizer = WordPieceTokenizer.load();
            name = properties.getModel();
        }
        Embedder embedder = Embedder.of(session, tokenizer).withPooling(properties.getPooling())
                .withBatchSize(properties.getBatchSize());
        return new KilnEmbeddingModel(embedder, name, properties.isNormalize());
    }

    private static byte[] read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource.getDescription(), e);
        }
    }
}
