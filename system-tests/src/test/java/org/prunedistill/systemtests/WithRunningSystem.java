package org.prunedistill.systemtests;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Makes sure the shared {@link RunningSystem} is up before a test class runs. */
public final class WithRunningSystem implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        RunningSystem.startOnce(context);
    }
}
