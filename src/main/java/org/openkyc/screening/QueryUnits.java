package org.openkyc.screening;

import java.util.ArrayList;
import java.util.List;

/** A query's units: its tokens, then each two adjacent tokens joined; with the tokens each covers. */
record QueryUnits(List<String> units, int[] masks, int tokens) {

    static QueryUnits of(NameNormalizer.Name name, int maxTokens) {
        List<String> tokens = name.tokens().size() > maxTokens ? name.tokens().subList(0, maxTokens) : name.tokens();
        List<String> units = new ArrayList<>(tokens);
        int[] masks = new int[Math.max(0, tokens.size() * 2 - 1)];
        for (int i = 0; i < tokens.size(); i++) {
            masks[i] = 1 << i;
        }
        for (int i = 0; i + 1 < tokens.size(); i++) {
            units.add(tokens.get(i) + tokens.get(i + 1));
            masks[tokens.size() + i] = 3 << i;
        }
        return new QueryUnits(units, masks, tokens.size());
    }

    int size() {
        return units.size();
    }

    String unit(int k) {
        return units.get(k);
    }

    int mask(int k) {
        return masks[k];
    }
}
