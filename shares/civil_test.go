package shares_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/grantkit/grantkit-go/shares"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDateRoundTrip(t *testing.T) {
	for _, s := range []string{"2022-06-23", "2024-02-29", "0001-01-01", "9999-12-31", "2000-10-05"} {
		d, err := shares.ParseDate(s)
		require.NoError(t, err, s)
		assert.Equal(t, s, d.String())
		assert.True(t, d.IsValid())

		b, err := json.Marshal(d)
		require.NoError(t, err)
		assert.Equal(t, `"`+s+`"`, string(b))
		var back shares.Date
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, d, back)
	}
	d, _ := shares.ParseDate("2022-06-23")
	assert.Equal(t, shares.Date{Year: 2022, Month: time.June, Day: 23}, d)
}

func TestParseDateRejects(t *testing.T) {
	for _, s := range []string{
		"", "2022-6-23", "2022-06-3", "22-06-23", "2022/06/23", "2023-02-29", "2022-13-01", "2022-00-10",
		"2022-04-31", "0000-01-01", " 2022-06-23", "2022-06-23 ", "2022-06-23T00:00:00", "20220623", "+2022-06-23",
	} {
		_, err := shares.ParseDate(s)
		assert.Error(t, err, "%q", s)
	}
}

func TestDateJSONRejectsAndNull(t *testing.T) {
	var d shares.Date
	for _, b := range []string{`20220623`, `"2022-02-30"`, `true`, `{}`, `"x"`} {
		assert.Error(t, json.Unmarshal([]byte(b), &d), b)
	}
	d = shares.Date{Year: 2022, Month: 1, Day: 2}
	require.NoError(t, json.Unmarshal([]byte(`null`), &d))
	assert.Equal(t, shares.Date{Year: 2022, Month: 1, Day: 2}, d, "null leaves the value alone")

	b, err := json.Marshal(shares.Date{})
	require.NoError(t, err)
	assert.Equal(t, "null", string(b))
	_, err = json.Marshal(shares.Date{Year: 2022, Month: 2, Day: 30})
	assert.Error(t, err)
}

func TestDateOrderAndZero(t *testing.T) {
	a := shares.Date{Year: 2022, Month: 6, Day: 23}
	b := shares.Date{Year: 2022, Month: 7, Day: 1}
	c := shares.Date{Year: 2023, Month: 1, Day: 1}
	assert.True(t, a.Before(b))
	assert.True(t, b.Before(c))
	assert.False(t, b.Before(a))
	assert.True(t, c.After(a))
	assert.False(t, a.After(a))
	assert.False(t, a.Before(a))
	assert.Equal(t, 0, a.Compare(a))
	assert.True(t, shares.Date{}.IsZero())
	assert.False(t, shares.Date{}.IsValid())
	assert.False(t, a.IsZero())

	loc := time.FixedZone("CEST", 2*3600)
	assert.Equal(t, a, shares.DateOf(time.Date(2022, 6, 23, 23, 59, 0, 0, loc)))
	assert.Equal(t, time.Date(2022, 6, 23, 0, 0, 0, 0, loc), a.In(loc))
}

func TestTimeOfDayRoundTrip(t *testing.T) {
	for _, s := range []string{"00:00:00", "13:53:02", "23:59:59", "08:00:00"} {
		v, err := shares.ParseTimeOfDay(s)
		require.NoError(t, err, s)
		assert.Equal(t, s, v.String())
		b, err := json.Marshal(v)
		require.NoError(t, err)
		assert.Equal(t, `"`+s+`"`, string(b))
		var back shares.TimeOfDay
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, v, back)
	}
}

func TestParseTimeOfDayAcceptsJavaForms(t *testing.T) {
	for s, want := range map[string]shares.TimeOfDay{
		"08:00":           {Hour: 8},
		"13:53:02.5":      {Hour: 13, Minute: 53, Second: 2},
		"13:53:02.123456": {Hour: 13, Minute: 53, Second: 2},
	} {
		got, err := shares.ParseTimeOfDay(s)
		require.NoError(t, err, s)
		assert.Equal(t, want, got, s)
	}
}

func TestParseTimeOfDayRejects(t *testing.T) {
	for _, s := range []string{
		"", "8:00:00", "24:00:00", "12:60:00", "12:00:60", "12-00-00", "12:00:", "12:00:0", "12:0", "1200",
		"12:00:00.", "12:00:00.x", "12:00:00Z", "12:00:00+02:00", " 12:00:00", "-1:00:00", "12:00:00.1234567890",
	} {
		_, err := shares.ParseTimeOfDay(s)
		assert.Error(t, err, "%q", s)
	}
}

func TestTimeOfDayValidationAndOrder(t *testing.T) {
	for _, v := range []shares.TimeOfDay{{Hour: 24}, {Minute: 60}, {Second: 60}, {Hour: -1}, {Minute: -1}, {Second: -1}} {
		assert.False(t, v.IsValid(), v.String())
		_, err := json.Marshal(v)
		assert.Error(t, err, v.String())
	}
	a, b := shares.TimeOfDay{Hour: 8}, shares.TimeOfDay{Hour: 8, Second: 1}
	assert.True(t, a.Before(b))
	assert.True(t, b.After(a))
	assert.False(t, a.After(a))
	assert.Equal(t, shares.TimeOfDay{Hour: 13, Minute: 5, Second: 9}, shares.TimeOfDayOf(time.Date(2022, 1, 1, 13, 5, 9, 999, time.UTC)))

	var v shares.TimeOfDay
	assert.Error(t, json.Unmarshal([]byte(`800`), &v))
	assert.Error(t, json.Unmarshal([]byte(`"25:00:00"`), &v))
	require.NoError(t, json.Unmarshal([]byte(`null`), &v))
}

func TestEnums(t *testing.T) {
	assert.Equal(t, shares.Monday, shares.WeekdayOf(time.Monday))
	assert.Equal(t, shares.Sunday, shares.WeekdayOf(time.Sunday))
	for d := time.Sunday; d <= time.Saturday; d++ {
		assert.True(t, shares.WeekdayOf(d).IsValid())
	}
	assert.False(t, shares.Weekday("monday").IsValid())
	assert.False(t, shares.Weekday("").IsValid())
	assert.True(t, shares.BiWeekly.IsValid())
	assert.False(t, shares.Recurrence("Biweekly").IsValid())
	assert.True(t, shares.AutoRemoveYear.IsValid())
	assert.False(t, shares.AutoRemoveAfter("week").IsValid())
	assert.Equal(t, "WEEK", string(shares.AutoRemoveWeek))
}
