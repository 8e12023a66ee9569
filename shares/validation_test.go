package shares_test

import (
	"context"
	"errors"
	"testing"

	"github.com/grantkit/grantkit-go/internal/validate"
	"github.com/grantkit/grantkit-go/shares"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// problems returns the fields err names, requiring it to be a validation
// error wrapping ErrInvalidParams.
func problems(t *testing.T, err error) []string {
	t.Helper()
	require.ErrorIs(t, err, shares.ErrInvalidParams)
	var ve *validate.Error
	require.True(t, errors.As(err, &ve), "%T", err)
	var fields []string
	for _, p := range ve.Problems {
		fields = append(fields, p.Field)
	}
	return fields
}

func TestCreateValidation(t *testing.T) {
	at := func(h, m, s int) *shares.TimeOfDay { return &shares.TimeOfDay{Hour: h, Minute: m, Second: s} }
	tests := []struct {
		name   string
		change func(p *shares.CreateShareParams)
		fields []string
	}{
		{"no organization", func(p *shares.CreateShareParams) { p.OrganizationID = 0 }, []string{"OrganizationID"}},
		{"negative organization", func(p *shares.CreateShareParams) { p.OrganizationID = -1 }, []string{"OrganizationID"}},
		{"no source", func(p *shares.CreateShareParams) { p.Source = shares.Source{} }, []string{"Source"}},
		{"two sources", func(p *shares.CreateShareParams) { p.Source.DeviceGroupID = 4 }, []string{"Source"}},
		{"negative device", func(p *shares.CreateShareParams) { p.Source.DeviceID = -1 }, []string{"Source.DeviceID"}},
		{"negative device group", func(p *shares.CreateShareParams) { p.Source = shares.Source{DeviceGroupID: -3} }, []string{"Source.DeviceGroupID"}},
		{"no receiver", func(p *shares.CreateShareParams) { p.Receiver = shares.Receiver{} }, []string{"Receiver"}},
		{"two receivers", func(p *shares.CreateShareParams) { p.Receiver.UserGroupID = 4 }, []string{"Receiver"}},
		{"the seed's invalid user id", func(p *shares.CreateShareParams) { p.Receiver.UserID = -1 }, []string{"Receiver.UserID"}},
		{"negative user group", func(p *shares.CreateShareParams) { p.Receiver = shares.Receiver{UserGroupID: -2} }, []string{"Receiver.UserGroupID"}},
		{"invalid start date", func(p *shares.CreateShareParams) { p.StartDate = shares.Date{Year: 2023, Month: 2, Day: 29} }, []string{"StartDate"}},
		{"invalid end date", func(p *shares.CreateShareParams) { p.EndDate = shares.Date{Year: 2023, Month: 13, Day: 1} }, []string{"EndDate"}},
		{"invalid times", func(p *shares.CreateShareParams) { p.StartTime, p.EndTime = at(24, 0, 0), at(0, 60, 0) }, []string{"StartTime", "EndTime"}},
		{"end date before start", func(p *shares.CreateShareParams) {
			p.StartDate, p.EndDate = shares.Date{Year: 2022, Month: 6, Day: 23}, shares.Date{Year: 2022, Month: 6, Day: 22}
		}, []string{"EndDate"}},
		{"end time before start on the same day", func(p *shares.CreateShareParams) {
			p.StartDate, p.EndDate = shares.Date{Year: 2022, Month: 6, Day: 23}, shares.Date{Year: 2022, Month: 6, Day: 23}
			p.StartTime, p.EndTime = at(13, 0, 0), at(12, 59, 59)
		}, []string{"EndTime"}},
		{"end time before start without dates", func(p *shares.CreateShareParams) { p.StartTime, p.EndTime = at(13, 0, 0), at(9, 0, 0) }, []string{"EndTime"}},
		{"unknown day", func(p *shares.CreateShareParams) { p.Schedule[1].DayOfWeek = "Mon" }, []string{"Schedule[1].DayOfWeek"}},
		{"unknown recurrence", func(p *shares.CreateShareParams) { p.Schedule[2].Recurrence = "Monthly" }, []string{"Schedule[2].Recurrence"}},
		{"missing recurrence", func(p *shares.CreateShareParams) { p.Schedule[0].Recurrence = "" }, []string{"Schedule[0].Recurrence"}},
		{"empty period", func(p *shares.CreateShareParams) { p.Schedule[0].Period = &shares.Period{} }, []string{"Schedule[0].Period.EndTime"}},
		{"period ends before it starts", func(p *shares.CreateShareParams) {
			p.Schedule[4].Period = &shares.Period{StartTime: shares.TimeOfDay{Hour: 18}, EndTime: shares.TimeOfDay{Hour: 8}}
		}, []string{"Schedule[4].Period.EndTime"}},
		{"invalid period time", func(p *shares.CreateShareParams) { p.Schedule[3].Period.StartTime.Minute = 61 }, []string{"Schedule[3].Period.StartTime"}},
		{"every problem at once", func(p *shares.CreateShareParams) {
			p.OrganizationID, p.Source, p.Receiver = 0, shares.Source{}, shares.Receiver{}
		}, []string{"OrganizationID", "Source", "Receiver"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			p := f.weekdays()
			tt.change(p)
			_, err := f.c.Shares.Create(context.Background(), p)
			assert.Equal(t, tt.fields, problems(t, err))
			assert.Zero(t, f.srv.RequestCount(), "requests sent")
		})
	}
}

func TestValidEdgesPass(t *testing.T) {
	f := newFixture(t)
	p := f.weekdays()
	day := shares.Date{Year: 2030, Month: 1, Day: 1}
	p.StartDate, p.EndDate = day, day
	p.StartTime, p.EndTime = &shares.TimeOfDay{Hour: 9}, &shares.TimeOfDay{Hour: 9}
	_, err := f.c.Shares.Create(context.Background(), p)
	require.NoError(t, err, "an end equal to the start is not before it")

	p = f.weekdays()
	p.StartDate, p.EndDate = day, shares.Date{Year: 2030, Month: 1, Day: 2}
	p.StartTime, p.EndTime = &shares.TimeOfDay{Hour: 18}, &shares.TimeOfDay{Hour: 8}
	_, err = f.c.Shares.Create(context.Background(), p)
	require.NoError(t, err, "times on different days are not compared")
}

func TestOtherMethodsValidate(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name   string
		call   func(c *shares.Client) error
		fields []string
	}{
		{"create nil", func(c *shares.Client) error { _, err := c.Shares.Create(ctx, nil); return err }, []string{"params"}},
		{"update nil", func(c *shares.Client) error { _, err := c.Shares.Update(ctx, 1, nil); return err }, []string{"params"}},
		{"update id", func(c *shares.Client) error {
			_, err := c.Shares.Update(ctx, 0, &shares.UpdateShareParams{})
			return err
		}, []string{"shareID"}},
		{"update nil and id", func(c *shares.Client) error { _, err := c.Shares.Update(ctx, -1, nil); return err }, []string{"shareID", "params"}},
		{"update fields", func(c *shares.Client) error {
			_, err := c.Shares.Update(ctx, 1, &shares.UpdateShareParams{
				Source:          &shares.Source{},
				Receiver:        &shares.Receiver{UserID: 1, UserGroupID: 2},
				AutoRemoveAfter: "DAY",
				Schedule:        []shares.ScheduleEntry{{DayOfWeek: "Funday", Recurrence: shares.Daily}},
				StartDate:       shares.Date{Year: 2022, Month: 2, Day: 2},
				EndDate:         shares.Date{Year: 2022, Month: 2, Day: 1},
			})
			return err
		}, []string{"EndDate", "Schedule[0].DayOfWeek", "Source", "Receiver", "AutoRemoveAfter"}},
		{"get", func(c *shares.Client) error { _, err := c.Shares.Get(ctx, 0); return err }, []string{"shareID"}},
		{"delete", func(c *shares.Client) error { return c.Shares.Delete(ctx, -5) }, []string{"shareID"}},
		{"web key", func(c *shares.Client) error { _, err := c.Shares.CreateWebKey(ctx, 0); return err }, []string{"shareID"}},
		{"list", func(c *shares.Client) error {
			_, err := c.Shares.List(ctx, &shares.ListSharesOptions{DeviceID: -1})
			return err
		}, []string{"DeviceID"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			assert.Equal(t, tt.fields, problems(t, tt.call(f.c)))
			assert.Zero(t, f.srv.RequestCount(), "requests sent")
		})
	}
}
