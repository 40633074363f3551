// @step 01-01
package dev.buildredis.store;

import dev.buildredis.testing.ManualClock;

class LockedStoreTest extends StoreContract {

    @Override
    Store create(ManualClock clock) {
        return new LockedStore(clock);
    }
}
