package org.openkyc.operator;

import java.util.UUID;

import org.openkyc.brand.Brands;
import org.openkyc.program.Programs;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A new brand is ready to call the API at once: brand, first key and default program, in one transaction. */
@Service
class Onboarding {

    private final Brands brands;
    private final Programs programs;

    Onboarding(Brands brands, Programs programs) {
        this.brands = brands;
        this.programs = programs;
    }

    record NewBrand(UUID brandId, String name, UUID identity, String authorization, UUID programId) {
    }

    @Transactional
    NewBrand createBrand(String name, boolean sandbox) {
        UUID brandId = brands.createBrand(name, sandbox);
        Brands.NewKey key = brands.createKey(brandId, "Initial key");
        UUID programId = programs.createDefault(brandId).programId();
        return new NewBrand(brandId, name, key.identity(), key.authorization(), programId);
    }
}
