package org.linli.dashboard.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/** The communities the topics have named, with the district and sub-district above each. */
@ApplicationScoped
public class Communities {

    /** A community as the dashboard knows it; names are the org units' when events carried them (else null). */
    public record Community(String communityId, String districtId, String subDistrictId, String name,
            String subDistrictName) {
    }

    private static final String SELECT = "select c.community_id, c.district_id, c.sub_district_id, c.name, s.name "
            + "from community c left join org_unit s on s.kind = 'SUBDISTRICT' and s.code = c.sub_district_id ";

    private final AgroalDataSource dataSource;

    Communities(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Community> find(String communityId) {
        List<Community> found = query(SELECT + "where c.community_id = ?", communityId);
        return found.stream().findFirst();
    }

    public List<Community> ofDistrict(String districtId) {
        return query(SELECT + "where c.district_id = ? order by c.community_id", districtId);
    }

    /** The district's name, when an event carried it. */
    public Optional<String> districtName(String districtId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select name from org_unit where kind = 'DISTRICT' and code = ? limit 1")) {
            s.setString(1, districtId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the district", e);
        }
    }

    private List<Community> query(String sql, String parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            List<Community> result = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    result.add(new Community(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5)));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read communities", e);
        }
    }
}
