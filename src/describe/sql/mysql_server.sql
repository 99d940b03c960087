-- Server version (MariaDB says so) and the connection's database.
SELECT VERSION(), DATABASE()
