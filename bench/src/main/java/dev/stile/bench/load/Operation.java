package dev.stile.bench.load;

/** One measured unit of work of a client (one /sign call, one complete ACME order). */
@FunctionalInterface
interface Operation {

    /**
     * @param sequence the operation's number across all clients, unique within a run
     * @throws Exception any failure; it is counted and the client carries on
     */
    void run(long sequence) throws Exception;
}
