package worker

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// ExportCustomers writes one CSV file per customer with their orders.
func (w *Worker) ExportCustomers(ctx context.Context, dir string, customerIDs []string) error {
	for _, customerID := range customerIDs {
		orders, err := w.store.ListByCustomer(customerID, ctx)
		if err != nil {
			return fmt.Errorf("exporting %s: %w", customerID, err)
		}
		f, err := os.Create(filepath.Join(dir, customerID+".csv"))
		if err != nil {
			return fmt.Errorf("exporting %s: %w", customerID, err)
		}
		// pitfall: defer-in-loop
		defer f.Close()

		out := csv.NewWriter(f)
		for _, o := range orders {
			record := []string{o.ID, o.Status, strconv.FormatInt(o.TotalCents, 10), o.CreatedAt.Format("2006-01-02")}
			if err := out.Write(record); err != nil {
				return fmt.Errorf("exporting %s: %w", customerID, err)
			}
		}
		out.Flush()
		if err := out.Error(); err != nil {
			return fmt.Errorf("exporting %s: %w", customerID, err)
		}
	}
	return nil
}
