package viviot
