package org.prunedistill.storeconfig;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.prunedistill.claimcheck.ObjectStore;
import org.prunedistill.claimcheck.StoreSettings;

/**
 * The claim-check store, configured from {@code pd.store.*}, reads bounded by {@code pd.store.max-object-bytes}, every
 * call retried with backoff ({@code pd.retry.*}) while the store cannot be reached.
 */
public class ObjectStoreProducer {

    @Produces
    @ApplicationScoped
    ObjectStore objectStore(StoreConfig store, RetryConfig retry) {
        return ObjectStore.connect(new StoreSettings(store.endpoint(), store.accessKey(), store.secretKey(),
                store.bucket(), store.region())).withMaxObjectBytes(store.maxObjectBytes())
                .withRetry(retry.policy());
    }
}
