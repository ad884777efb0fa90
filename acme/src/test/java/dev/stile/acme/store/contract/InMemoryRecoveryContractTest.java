package dev.stile.acme.store.contract;

import dev.stile.acme.store.fake.InMemoryAccountStore;
import dev.stile.acme.store.fake.InMemoryAcmeCertificateStore;
import dev.stile.acme.store.fake.InMemoryEabKeyStore;
import dev.stile.acme.store.fake.InMemoryNonceStore;
import dev.stile.acme.store.fake.InMemoryOrderStore;

/** The fakes recover like the JDBC stores. */
class InMemoryRecoveryContractTest extends RecoveryContract {

    @Override
    protected AcmeStoreContract.Stores newStores() {
        return new AcmeStoreContract.Stores(new InMemoryAccountStore(), new InMemoryOrderStore(), new InMemoryNonceStore(),
                new InMemoryEabKeyStore(), new InMemoryAcmeCertificateStore());
    }
}
