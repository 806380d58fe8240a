package org.linli.stack.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the benchmarks put in a lunch event's price: 15 yuan, of which the elder pays 7, the subsidy 5, a bank 3. */
final class SampleLunch {

    private SampleLunch() {
    }

    static Map<String, Object> price() {
        Map<String, Object> price = new LinkedHashMap<>();
        price.put("totalFen", 1500);
        price.put("elderPaysFen", 700);
        price.put("subsidyFen", 500);
        price.put("sponsorFen", 300);
        price.put("sponsorId", "rural-commercial-bank");
        return price;
    }
}
