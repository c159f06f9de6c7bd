package dev.kiln.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.models.embed.Pooling;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class KilnEmbeddingAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KilnEmbeddingAutoConfiguration.class));

    @Test
    void propertiesChooseTheModelPoolingAndNormalisation() {
        runner.withPropertyValues("kiln.embedding.model=all-minilm-l6-v2-q", "kiln.embedding.pooling=CLS",
                "kiln.embedding.normalize=false", "kiln.embedding.batch-size=1").run(context -> {
            KilnEmbeddingModel model = context.getBean(KilnEmbeddingModel.class);
            assertThat(model.modelName()).isEqualTo("all-minilm-l6-v2-q");
            assertThat(model.embedder().pooling()).isEqualTo(Pooling.CLS);
            assertThat(model.embedder().batchSize()).isEqualTo(1);
            float[] v = model.embed("hello");
            double norm = Math.sqrt(dot(v, v));
            assertThat(Math.abs(norm - 1)).isGreaterThan(1e-3); // not scaled to unit length
        });
    }

    @Test
    void stepsAsideWhenDisabledOrWhenTheAppHasItsOwnModel() {
        runner.withPropertyValues("kiln.embedding.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(EmbeddingModel.class));
        EmbeddingModel own = new EmbeddingModel() {
            @Override
            public EmbeddingResponse call(EmbeddingRequest request) {
                return new EmbeddingResponse(List.of());
            }

            @Override
            public float[] embed(Document document) {
                return new float[1];
            }
        };
        runner.withBean(EmbeddingModel.class, () -> own).run(context -> {
            assertThat(context).hasSingleBean(EmbeddingModel.class);
            assertThat(context).doesNotHaveBean(KilnEmbeddingModel.class);
        });
    }

    @Test
    void anUnknownModelNameFailsTheContextWithAClearMessage() {
        runner.withPropertyValues("kiln.embedding.model=gpt-7").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("kiln.embedding.model is 'gpt-7'"));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return s;
    }
}
