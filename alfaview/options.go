package alfaview
