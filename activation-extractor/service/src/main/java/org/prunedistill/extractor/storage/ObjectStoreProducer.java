package org.prunedistill.extractor.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.StoreSettings;
import org.prunedistill.extractor.config.ExtractorConfig;

/**
 * The claim-check store, configured from {@code pd.store.*}, every call retried with backoff ({@code pd.retry.*})
 * while the store cannot be reached.
 */
public class ObjectStoreProducer {

    @Produces
    @ApplicationScoped
    ObjectStore objectStore(ExtractorConfig config) {
        ExtractorConfig.Store store = config.store();
        return ObjectStore.connect(new StoreSettings(store.endpoint(), store.accessKey(), store.secretKey(),
                store.bucket(), store.region())).withMaxObjectBytes(store.maxObjectBytes())
                .withRetry(config.retry().policy());
    }
}
