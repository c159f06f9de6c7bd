package dev.kiln.bench;

import dev.kiln.importer.Kiln;
import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.exec.SessionOptions;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Map;

/** Kiln: a loaded session and prebuilt input tensors. */
final class KilnSide implements Side {
    private final Session session;
    private final Map<String, Tensor> feeds;

    KilnSide(Workload w, int threads) {
        this.session = Kiln.load(w.model(), SessionOptions.defaults().withThreads(threads));
        this.feeds = w.feeds();
    }

    @Override
    public Object run() { return session.run(feeds); }

    @Override
    public void close() {}
}
