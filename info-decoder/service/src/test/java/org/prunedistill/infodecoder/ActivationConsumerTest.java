package org.prunedistill.infodecoder;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.prunedistill.testsupport.ActivationConsumerContract;
import org.prunedistill.testsupport.EmbeddedStackResource;

/** info-decoder's pd.activations consumer, inside the service, on the embedded Kafka and S3 server. */
@QuarkusTest
@WithTestResource(EmbeddedStackResource.class)
class ActivationConsumerTest extends ActivationConsumerContract {
}
