package org.openkyc.verification;

import java.time.LocalDate;
import java.util.List;

import org.openkyc.customer.KycSubject;
import org.openkyc.program.KycPolicy;

/** Everything a check may look at: the person, the request's extras, the program's policy, the day. */
public record Applicant(KycSubject person, String ip, KycPolicy policy, LocalDate submittedOn) {

    public KycSubject.PostalAddress primaryAddress() {
        List<KycSubject.PostalAddress> addresses = person.addresses();
        return addresses.stream().filter(KycSubject.PostalAddress::primary).findFirst().orElse(null);
    }

    @Override
    public String toString() {
        return "Applicant[" + person.customerId() + "]";
    }
}
