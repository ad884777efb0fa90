package dev.stile.acme.store.contract;

import dev.stile.acme.store.fake.InMemoryAccountStore;
import dev.stile.acme.store.fake.InMemoryAcmeCertificateStore;
import dev.stile.acme.store.fake.InMemoryEabKeyStore;
import dev.stile.acme.store.fake.InMemoryNonceStore;
import dev.stile.acme.store.fake.InMemoryOrderStore;

/** The fakes obey the same contract as the JDBC stores, so service tests on fakes mean something. */
class InMemoryStoresContractTest extends AcmeStoreContract {

    @Override
    protected Stores newStores() {
        return new Stores(new InMemoryAccountStore(), new InMemoryOrderStore(), new InMemoryNonceStore(),
                new InMemoryEabKeyStore(), new InMemoryAcmeCertificateStore());
    }
}
