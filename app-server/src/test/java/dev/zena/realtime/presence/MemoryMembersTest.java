package dev.zena.realtime.presence;

/** The members of one process under the members contract. */
class MemoryMembersTest extends MembersContract {

    @Override
    protected Members newMembers() {
        return new MemoryMembers(GRACE);
    }
}
