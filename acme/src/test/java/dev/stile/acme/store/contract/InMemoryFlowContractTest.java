package dev.stile.acme.store.contract;

import dev.stile.acme.store.fake.InMemoryAccountStore;
import dev.stile.acme.store.fake.InMemoryAcmeCertificateStore;
import dev.stile.acme.store.fake.InMemoryEabKeyStore;
import dev.stile.acme.store.fake.InMemoryNonceStore;
import dev.stile.acme.store.fake.InMemoryOrderStore;

/** The whole ACME flow over the HashMap fakes. */
class InMemoryFlowContractTest extends AcmeFlowContract {

    @Override
    protected AcmeStoreContract.Stores newStores() {
        return new AcmeStoreContract.Stores(new InMemoryAccountStore(), new InMemoryOrderStore(), new InMemoryNonceStore(),
                new InMemoryEabKeyStore(), new InMemoryAcmeCertificateStore());
    }
}
